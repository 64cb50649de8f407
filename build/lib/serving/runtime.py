"""Model runtimes: ONNX Runtime for serving, and the protocol tests fake.

A runtime maps padded token ids [batch, length] to label probabilities
[batch, length, labels]. One ONNX session is shared by all request threads
(ONNX Runtime sessions are thread-safe for `run`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np


class Runtime(Protocol):
    def probabilities(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray: ...


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


class OnnxRuntime:
    def __init__(self, model_path: Path, threads: int = 0) -> None:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(model_path), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self.input_names = {i.name for i in self.session.get_inputs()}

    def probabilities(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        feed = {"input_ids": ids.astype(np.int64), "attention_mask": mask.astype(np.int64)}
        if "token_type_ids" in self.input_names:
            feed["token_type_ids"] = np.zeros_like(feed["input_ids"])
        (logits,) = self.session.run(["logits"], feed)
        return softmax(logits.astype(np.float32))
