"""safetensors written from the tensors' memory read back, by the library, as what was written."""

import io

import pytest
import torch
from safetensors import safe_open
from safetensors.torch import load

from service.durable import tensor_file


def written(tensors, metadata):
    head, size = tensor_file.header(tensors, metadata)
    f = io.BytesIO()
    tensor_file.write(f, head, tensors)
    assert len(f.getvalue()) == size
    return f.getvalue()


@pytest.mark.parametrize("dtype", list(tensor_file.CODES), ids=str)
def test_every_dtype_comes_back_equal(dtype):
    values = (torch.randn(3, 5, generator=torch.Generator().manual_seed(0)) * 100).to(dtype)
    tensors = {
        "a": values,
        "scalar": values[1, 2].clone(),
        "empty": values[:0],
        "row": values[2].clone(),
        "broadcast": values[0, 0].expand(1, 1),  # stride 0, and yet contiguous: as x.sum()'s grad of one x
    }
    back = load(written(tensors, {}))
    assert back.keys() == tensors.keys()
    for name, t in tensors.items():
        assert back[name].dtype == dtype and back[name].shape == t.shape and torch.equal(back[name], t)


def test_the_metadata_is_read_by_the_library(tmp_path):
    path = tmp_path / "s.safetensors"
    path.write_bytes(written({"x": torch.arange(3.0)}, {"session": '{"id": "cpu0.a"}'}))
    with safe_open(path, "pt") as f:
        assert f.metadata() == {"session": '{"id": "cpu0.a"}'}
        assert f.get_tensor("x").tolist() == [0.0, 1.0, 2.0]
    assert int.from_bytes(path.read_bytes()[:8], "little") % 8 == 0  # the data starts 8-aligned


def test_no_tensors_is_a_valid_file():
    assert load(written({}, {})) == {}
