"""Benchmark: a 1,000,000-iteration loop summing integers, as in loop_sum.scm."""


def sum_to(n):
    i = 0
    total = 0
    while not i > n:
        total = total + i
        i = i + 1
    return total


print(sum_to(1000000))
