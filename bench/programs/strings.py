"""Benchmark: string work over 100,000 generated strings, as in strings.scm."""


def process(i):
    name = "service-" + str(i) + "-daemon"
    upper = name.upper()
    dash = upper.index("-")
    head = upper[0:dash]
    return len(name) + len(head) + dash


total = 0
i = 0
while i != 100000:
    total = total + process(i)
    i = i + 1
print(total)
