"""Durable state: what a host writes so that its sessions survive it, and the idempotency records.

``tensor_file`` writes and reads safetensors files straight from and into tensor memory;
``state`` encodes a session as tensors and a JSON header; ``store`` keeps each session as a base
file and a log of what each change wrote since; ``idempotency_records`` keeps who used which
Idempotency-Key for what, and the answers kept.
"""
