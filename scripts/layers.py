#!/usr/bin/env python3
"""Checks that the source tree keeps its floors, has no circles and no long
functions; prints what breaks a rule and exits 1, else prints a summary.

  python3 scripts/layers.py [source dir]

The floors, lowest first: analysis/ -> checks/ -> host/ -> the front doors
(tool/, plugin/, editors/, fuzz/). A file may include headers of its own
folder and of the floors below, never above; no front door includes another
front door's header. A module is a header with its source file (X.h and
X.cpp); no two modules may include each other, directly or through others.
No function in host/ or tool/ is longer than 200 lines, and the CLI's main()
is under 150 (lines from its signature to its closing brace; functions are
found as LLVM's style writes them: a definition opening at column 0, closed
by a '}' at column 0).
"""
import os
import re
import sys

FLOORS = {'analysis': 0, 'checks': 1, 'host': 2,
          'tool': 3, 'plugin': 3, 'editors': 3, 'fuzz': 3}
FRONT_DOORS = {'tool', 'plugin', 'editors', 'fuzz'}
LIMIT = 200
MAIN_LIMIT = 150


def sources(root):
    for folder in FLOORS:
        path = os.path.join(root, folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if name.endswith(('.h', '.cpp')):
                yield folder, name, os.path.join(path, name)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), '..')
    files = list(sources(root))
    where = {}  # header name -> folder
    for folder, name, _ in files:
        if name.endswith('.h'):
            where[name] = folder
    problems = []
    edges = {}
    for folder, name, path in files:
        module = (folder, os.path.splitext(name)[0])
        edges.setdefault(module, set())
        text = open(path, encoding='utf-8').read()
        for included in re.findall(r'#include "([^"]+)"', text):
            base = os.path.basename(included)
            target = where.get(base)
            if target is None:
                continue  # a system, LLVM or test header
            other = (target, os.path.splitext(base)[0])
            if other != module:
                edges[module].add(other)
            if target == folder:
                continue
            if FLOORS[target] > FLOORS[folder]:
                problems.append(f'{folder}/{name} includes {target}/{base}, '
                                'a floor above it')
            elif target in FRONT_DOORS:
                problems.append(f'{folder}/{name} includes {target}/{base}, '
                                "another front door's header")
        if folder in ('host', 'tool'):
            problems += long_functions(f'{folder}/{name}', text)
    problems += circles(edges)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f'{len(files)} files in {len(FLOORS)} folders: floors kept, no '
          f'circles between {len(edges)} modules, no function in host/ or '
          f'tool/ over {LIMIT} lines, main() under {MAIN_LIMIT}')
    return 0


def long_functions(shown, text):
    problems = []
    lines = text.split('\n')
    start = None
    for number, line in enumerate(lines, 1):
        if start is None:
            if (line and not line[0].isspace() and line.rstrip().endswith('{')
                    and not re.match(r'(namespace|class|struct|enum|union|'
                                     r'extern|template\s*<[^>]*>\s*(class|'
                                     r'struct))\b', line)
                    and '(' in ''.join(lines[max(0, number - 4):number])):
                start = number
                # The signature may begin a few lines up.
                while (start > 1 and lines[start - 2]
                       and not lines[start - 2][0].isspace()
                       and not lines[start - 2].rstrip().endswith((';', '}'))
                       and not lines[start - 2].startswith(('//', '#'))):
                    start -= 1
            continue
        if line.startswith('}'):
            length = number - start + 1
            signature = lines[start - 1]
            limit = MAIN_LIMIT if signature.startswith('int main(') else LIMIT
            if length > limit:
                problems.append(f'{shown}:{start}: a function of {length} '
                                f'lines (limit {limit}): {signature.strip()}')
            start = None
    return problems


def circles(edges):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            strong(v)
    return ['a circle of includes: ' +
            ' -> '.join(f'{f}/{m}' for f, m in sorted(c)) for c in found]


if __name__ == '__main__':
    sys.exit(main())
