#!/usr/bin/env python3
"""Folds `perf script` output into stacks and draws them as a flame graph (SVG), for the intake profile.
   perf script -i perf.data | flamegraph.py OUT.svg [TITLE]     (also writes OUT.folded: "a;b;c count")
Each box is a function; its width is the share of samples in which it was on the stack, its children sit on
top of it. Hover a box for its name and share."""
import collections
import html
import sys


def fold(lines):
    stacks, frames = collections.Counter(), []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if frames:
                stacks[";".join(reversed(frames))] += 1
            frames = []
        elif line.startswith(("\t", " ")):
            parts = line.strip().split(" ", 1)
            name = parts[1] if len(parts) > 1 else parts[0]
            name = name.split(" (")[0].split("+0x")[0]
            frames.append(name or "?")
        # a header line (comm pid time event) starts a sample: nothing to keep from it
    if frames:
        stacks[";".join(reversed(frames))] += 1
    return stacks


def tree(stacks):
    root = {"n": 0, "c": {}}
    for stack, count in stacks.items():
        node = root
        node["n"] += count
        for f in stack.split(";"):
            node = node["c"].setdefault(f, {"n": 0, "c": {}})
            node["n"] += count
    return root


def svg(root, title, width=1200, row=16):
    boxes, depth_max = [], [0]

    def walk(node, name, x, depth):
        w = width * node["n"] / root["n"]
        if w < 0.3:
            return
        depth_max[0] = max(depth_max[0], depth)
        boxes.append((name, x, depth, w, node["n"]))
        cx = x
        for child_name, child in sorted(node["c"].items()):
            walk(child, child_name, cx, depth + 1)
            cx += width * child["n"] / root["n"]

    walk(root, "all", 0, 0)
    height = (depth_max[0] + 3) * row
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="monospace" font-size="11">',
           f'<text x="4" y="13">{html.escape(title)} ({root["n"]} samples)</text>']
    for name, x, depth, w, n in boxes:
        y = height - (depth + 1) * row
        hue = 20 + (hash(name) % 40)
        label = html.escape(name)
        out.append(f'<g><title>{label} — {100 * n / root["n"]:.1f} %</title>'
                   f'<rect x="{x:.1f}" y="{y}" width="{max(w - 0.5, 0.1):.1f}" height="{row - 1}" fill="hsl({hue},80%,60%)"/>')
        if w > 40:
            out.append(f'<text x="{x + 2:.1f}" y="{y + 12}">{label[: int(w / 7)]}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def main():
    target = sys.argv[1]
    title = sys.argv[2] if len(sys.argv) > 2 else "flame graph"
    stacks = fold(sys.stdin)
    with open(target.rsplit(".", 1)[0] + ".folded", "w") as f:
        for stack, count in stacks.most_common():
            f.write(f"{stack} {count}\n")
    with open(target, "w") as f:
        f.write(svg(tree(stacks), title))


main()
