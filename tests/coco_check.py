"""Checks an sdgen dataset with pycocotools, independently of the Rust code.

usage: python tests/coco_check.py OUT_DIR

For every annotation: the RLE decodes (pycocotools) to exactly the pixels of its instance in
masks/instance/NNNNNN.png, and bbox and area match that mask. Every visible instance has an
annotation. Ids are unique and start at 1. Then COCOeval scores the ground truth as detections
(score 1): bbox, segm and (where people have keypoints) keypoints AP must be 1.000, with pycocotools and
with faster-coco-eval.
Ignore regions (iscrowd 1, kept by a filter) are checked like the rest but not scored as
detections. Exits non-zero with a message on any failure.
"""
import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image
from pycocotools import mask as mask_utils
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval


def fail(message):
    print(f"coco_check: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check_ids(coco):
    image_ids = [img["id"] for img in coco.dataset["images"]]
    ann_ids = [ann["id"] for ann in coco.dataset["annotations"]]
    cat_ids = [cat["id"] for cat in coco.dataset["categories"]]
    for name, ids in (("image", image_ids), ("annotation", ann_ids), ("category", cat_ids)):
        if len(ids) != len(set(ids)):
            fail(f"{name} ids are not unique")
    if ann_ids and min(ann_ids) != 1:
        fail(f"annotation ids start at {min(ann_ids)}, not 1")
    if sorted(ann_ids) != list(range(1, len(ann_ids) + 1)):
        fail("annotation ids are not 1..N")


def bbox_of(binary):
    rows = np.flatnonzero(binary.any(axis=1))
    cols = np.flatnonzero(binary.any(axis=0))
    return [int(cols[0]), int(rows[0]), int(cols[-1] + 1 - cols[0]), int(rows[-1] + 1 - rows[0])]


def check_rle(stem, iid, segmentation, truth):
    decoded = mask_utils.decode(segmentation)
    if decoded.shape != truth.shape or not np.array_equal(decoded.astype(bool), truth):
        fail(f"{stem}: instance {iid}: RLE does not decode to the mask")
    # Re-encode the mask with pycocotools: the counts string must be byte-identical.
    ours = segmentation["counts"]
    theirs = mask_utils.encode(np.asfortranarray(truth.astype(np.uint8)))["counts"].decode()
    if ours != theirs:
        fail(f"{stem}: instance {iid}: RLE string differs from pycocotools")


def check_image(out, coco, img):
    stem = Path(img["file_name"]).stem
    if not (out / "images" / img["file_name"]).is_file():
        fail(f"missing image {img['file_name']}")
    instance = np.array(Image.open(out / "masks" / "instance" / f"{stem}.png"))
    if instance.shape != (img["height"], img["width"]):
        fail(f"{stem}: mask shape {instance.shape} != image size")
    anns = coco.loadAnns(coco.getAnnIds(imgIds=[img["id"]], iscrowd=None))
    seen = set()
    for ann in anns:
        iid = ann["instance_id"]
        seen.add(iid)
        truth = instance == iid
        if isinstance(ann["segmentation"], list):
            # Polygons (--format coco-polygons): outer outlines, so holes are filled; they
            # must hold nearly every pixel of the instance.
            rles = mask_utils.frPyObjects(ann["segmentation"], img["height"], img["width"])
            decoded = mask_utils.decode(mask_utils.merge(rles)).astype(bool)
            recall = (decoded & truth).sum() / truth.sum()
            if recall < 0.9:
                fail(f"{stem}: instance {iid}: polygons hold {recall:.3f} of the mask")
        else:
            check_rle(stem, iid, ann["segmentation"], truth)
        if ann["area"] != int(truth.sum()):
            fail(f"{stem}: instance {iid}: area {ann['area']} != {int(truth.sum())}")
        if ann["bbox"] != bbox_of(truth):
            fail(f"{stem}: instance {iid}: bbox {ann['bbox']} != {bbox_of(truth)}")
        if ann["iscrowd"] not in (0, 1):
            fail(f"{stem}: instance {iid}: iscrowd is {ann['iscrowd']}")
    visible = set(int(v) for v in np.unique(instance)) - {0}
    if visible != seen:
        fail(f"{stem}: instances in mask {sorted(visible)} != annotated {sorted(seen)}")
    return len(anns)


def ground_truth_as_detections(coco):
    detections = []
    for ann in coco.dataset["annotations"]:
        if ann["iscrowd"]:
            continue
        det = {k: ann[k] for k in ("image_id", "category_id", "bbox", "segmentation", "area")}
        if "keypoints" in ann:
            det["keypoints"] = ann["keypoints"]
        det["score"] = 1.0
        detections.append(det)
    return detections


def check_ap(coco, path, evaluator_name):
    """AP of the ground truth scored as detections, by pycocotools or faster-coco-eval."""
    if evaluator_name == "faster-coco-eval":
        from faster_coco_eval import COCO as FastCOCO
        from faster_coco_eval import COCOeval_faster as Eval

        coco = FastCOCO(str(path))
    else:
        Eval = COCOeval
    detections = ground_truth_as_detections(coco)
    results = coco.loadRes(detections)
    # People with no keypoint in view are ignored ground truth for keypoints; their
    # detections, all keypoints 0, would only steal other people's matches.
    people = [d for d in detections if d.get("keypoints") and max(d["keypoints"][2::3]) > 0]
    for iou_type in ("bbox", "segm") + (("keypoints",) if people else ()):
        if iou_type == "keypoints":
            evaluator = Eval(coco, coco.loadRes(people), iou_type)
            evaluator.params.catIds = [1]
        else:
            evaluator = Eval(coco, results, iou_type)
        evaluator.params.maxDets = [1, 10, 10000]
        evaluator.evaluate()
        evaluator.accumulate()
        # summarize()'s stats[0] is fixed at maxDets=100; read AP at our largest maxDets
        # (area range "all") from the accumulated precision instead.
        precision = evaluator.eval["precision"][:, :, :, 0, -1]
        valid = precision[precision > -1]
        ap = float(valid.mean()) if valid.size else -1.0
        print(f"coco_check: {evaluator_name} {iou_type} AP = {ap:.3f}")
        if round(ap, 3) != 1.0:
            fail(f"{evaluator_name}: {iou_type} AP is {ap:.3f}, expected 1.000")


def main():
    if len(sys.argv) != 2:
        fail("usage: coco_check.py OUT_DIR")
    out = Path(sys.argv[1])
    with open(out / "annotations" / "coco.json") as f:
        json.load(f)  # plain json must accept it too
    coco = COCO(str(out / "annotations" / "coco.json"))
    if not coco.dataset["images"]:
        fail("no images")
    if not coco.dataset["annotations"]:
        fail("no annotations")
    check_ids(coco)
    total = sum(check_image(out, coco, img) for img in coco.dataset["images"])
    path = out / "annotations" / "coco.json"
    check_ap(coco, path, "pycocotools")
    check_ap(coco, path, "faster-coco-eval")
    print(f"coco_check: OK: {len(coco.dataset['images'])} images, {total} annotations")


if __name__ == "__main__":
    main()
