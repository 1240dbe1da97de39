"""Map the brief's top-level layout onto the installed package.

interp/ is imported as ``oscdsl``; grammar/ and stdlib/ travel inside it as
``oscdsl/grammar`` and ``oscdsl/stdlib`` so an installed wheel works from any
directory.
"""

from setuptools import find_packages, setup

packages = ["oscdsl"] + ["oscdsl." + name for name in find_packages("interp")]
setup(
    packages=packages + ["oscdsl.grammar", "oscdsl.stdlib"],
    package_dir={
        "oscdsl": "interp",
        "oscdsl.grammar": "grammar",
        "oscdsl.stdlib": "stdlib",
    },
    package_data={
        "oscdsl.grammar": ["*.lark"],
        "oscdsl.stdlib": ["**/*.scm", "**/*.hy"],
    },
)
