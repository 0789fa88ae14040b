"""The CPUs and memory the defaults come from: a container's or a scheduler's limits, not the machine's."""

from __future__ import annotations

import os

from service.core import machine


def cgroup(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_a_v2_cpu_quota_and_memory_limit_bind_and_so_do_their_parents(tmp_path):
    root = cgroup(
        tmp_path,
        {
            "cgroup.controllers": "cpu memory",
            "pod/cpu.max": "150000 100000",  # 1.5 CPUs: 2 hosts' worth of threads at most
            "pod/app/cpu.max": "max 100000",
            "pod/app/memory.max": "max",
            "pod/memory.max": str(3 << 30),
        },
    )
    table = "0::/pod/app"
    assert machine.cpus(root, table) == min(2, len(os.sched_getaffinity(0)))
    assert machine.memory(root, table) == min(3 << 30, os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))


def test_v1_controllers_are_read_too(tmp_path):
    root = cgroup(
        tmp_path,
        {
            "cpu/job/cpu.cfs_quota_us": "100000",
            "cpu/job/cpu.cfs_period_us": "100000",
            "memory/job/memory.limit_in_bytes": str(1 << 30),
        },
    )
    table = "4:memory:/job\n2:cpu,cpuacct:/job\n0::/"
    assert machine.cpus(root, table) == 1
    assert machine.memory(root, table) == 1 << 30


def test_no_limits_leave_the_affinity_and_the_machine(tmp_path):
    table = "0::/"
    assert machine.cpus(tmp_path, table) == len(os.sched_getaffinity(0))
    assert machine.memory(tmp_path, table) == os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
