"""Benchmark: doubly recursive Fibonacci of 25, as in fib.scm."""


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(25))
