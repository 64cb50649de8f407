"""Export a trained token classifier to ONNX, optimise it, quantise it, check parity.

The artifact folder is all that crosses from training to serving:
model.onnx, tokenizer.json, labels.json, manifest.json, MODEL_CARD.md.
"""

from __future__ import annotations

import json
import platform
import shutil
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tokenizers import Tokenizer

from serving.labels import save_labels
from serving.runtime import OnnxRuntime


class _LogitsOnly(torch.nn.Module):
    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        # An explicit additive 4D mask: the library's own mask builder skips the mask when
        # the tracing input has no padding, which would bake "no padding" into the graph.
        n = input_ids.shape[1]
        keep = attention_mask[:, None, None, :].to(torch.float32)
        additive = ((1.0 - keep) * torch.finfo(torch.float32).min).expand(-1, 1, n, n)
        return self.model(input_ids=input_ids, attention_mask=additive).logits


def export_onnx(model: torch.nn.Module, path: Path, opset: int) -> None:
    """fp32 ONNX with dynamic batch and length (legacy TorchScript exporter: fuses well)."""
    model = model.float().eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    mask[1, 10:] = 0  # trace with padding present
    with torch.inference_mode():
        torch.onnx.export(
            _LogitsOnly(model).eval(),  # export restores the wrapper's mode on all submodules
            (ids, mask),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["logits"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "length"},
                "attention_mask": {0: "batch", 1: "length"},
                "logits": {0: "batch", 1: "length"},
            },
            opset_version=opset,
            do_constant_folding=True,
            dynamo=False,
        )


def optimize(src: Path, dst: Path, config: Any) -> None:
    """ONNX Runtime transformer fusions (attention, layer norm, GELU) where they apply."""
    from onnxruntime.transformers import optimizer

    opt = optimizer.optimize_model(
        str(src),
        model_type="bert",
        num_heads=int(config.num_attention_heads),
        hidden_size=int(config.hidden_size),
        opt_level=1,
    )
    opt.save_model_to_file(str(dst))


def quantize(src: Path, dst: Path) -> None:
    """Dynamic INT8 quantisation of the weights, per channel; the classifier stays fp32
    (measured on dev: per-tensor INT8 cost ~0.8 F1, this ~0.5)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(src), load_external_data=False).graph
    head = [n.name for n in graph.node if "classifier" in n.name]
    # Fused (com.microsoft) nodes defeat shape inference: tell it outputs are float.
    quantize_dynamic(
        str(src),
        str(dst),
        weight_type=QuantType.QInt8,
        per_channel=True,
        nodes_to_exclude=head,
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )


FP16_MAX = 65504.0


def compress_fp16(src: Path, dst: Path, min_elements: int = 1024) -> None:
    """Store large float weights as fp16, each followed by a Cast back to fp32.

    Compute stays fp32 (ONNX Runtime folds the casts when the session loads), so the file
    halves while the outputs move only by fp16 rounding of the weights. The fallback when
    INT8 costs too much F1 but fp32 is too large to ship.
    """
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(src))
    graph = model.graph
    casts = []
    keep = []
    for init in graph.initializer:
        arr = numpy_helper.to_array(init)
        # Constants beyond the fp16 range (attention-mask fills) stay fp32.
        if arr.dtype == np.float32 and arr.size >= min_elements and np.abs(arr).max() <= FP16_MAX:
            half = numpy_helper.from_array(arr.astype(np.float16), init.name + "_fp16")
            keep.append(half)
            casts.append(helper.make_node("Cast", [half.name], [init.name], to=onnx.TensorProto.FLOAT, name=init.name + "_cast"))
        else:
            keep.append(init)
    del graph.initializer[:]
    graph.initializer.extend(keep)
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.save(model, str(dst))


def parity(model: torch.nn.Module, onnx_path: Path, samples: list[list[int]], pad_id: int) -> float:
    """Max |logit difference| between torch fp32 and ONNX on the given token id rows."""
    n = max(len(s) for s in samples)
    ids = np.full((len(samples), n), pad_id, dtype=np.int64)
    mask = np.zeros((len(samples), n), dtype=np.int64)
    for r, s in enumerate(samples):
        ids[r, : len(s)] = s
        mask[r, : len(s)] = 1
    model = model.float().eval()
    with torch.inference_mode():
        ref = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)).logits.numpy()
    rt = OnnxRuntime(onnx_path)
    (got,) = rt.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})
    m = mask.astype(bool)
    return float(np.abs(ref[m] - got[m]).max())


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in ("torch", "transformers", "onnx", "onnxruntime", "tokenizers", "datasets", "seqeval"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def write_artifact(
    out: Path,
    onnx_file: Path,
    tok: Tokenizer,
    labels: list[str],
    manifest: dict[str, Any],
    card: str,
) -> None:
    """Write the artifact atomically: build in a temp folder, then swap it in."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".artifact-", dir=out.parent))
    shutil.copyfile(onnx_file, tmp / "model.onnx")
    tok.save(str(tmp / "tokenizer.json"))
    save_labels(tmp / "labels.json", labels)
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")
    (tmp / "MODEL_CARD.md").write_text(card, "utf-8")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
