"""Benchmark: build, filter, square and sum a 100,000-element list ten times.

The same algorithm as list_filter.scm, with Python lists standing in for
Scheme lists (appending instead of consing and reversing).
"""


def build(n):
    acc = []
    i = 0
    while i < n:
        acc.append(i)
        i = i + 1
    return acc


def keep(pred, items):
    acc = []
    for x in items:
        if pred(x):
            acc.append(x)
    return acc


def square_all(items):
    acc = []
    for x in items:
        acc.append(x * x)
    return acc


def total(items):
    result = 0
    for x in items:
        result = result + x
    return result


def one_round(n):
    kept = keep(lambda x: x % 3 == 0, build(n))
    return len(kept) + total(square_all(kept))


result = 0
for _pass in range(10):
    result = one_round(100000)
print(result)
