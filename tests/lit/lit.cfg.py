# lit configuration for rtcc's golden tests. Each test is a .rtc file whose
# RUN lines drive the real rtcc binary; expectations sit next to the input as
# CHECK lines (FileCheck) or `expected-error {{…}}` comments (rtcc check -verify).
import os
import lit.formats

config.name = "rtcc"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".rtc", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.rtcc_binary_dir, "tests", "lit")

config.environment["NO_COLOR"] = "1"
for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "HOME", "PATH"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

llvm_bin = config.llvm_tools_dir
config.substitutions.append(("%rtcc", os.path.join(config.rtcc_binary_dir, "bin", "rtcc")))
config.substitutions.append(("%stdlib", os.path.join(config.rtcc_source_dir, "stdlib")))
config.substitutions.append(("%examples", os.path.join(config.rtcc_source_dir, "examples")))
config.substitutions.append(("%python", "python3"))
for tool in ("FileCheck", "not", "count"):
    config.substitutions.append(
        (r"\b%s\b" % tool if tool != "not" else r"(?<![\w-])not\b", os.path.join(llvm_bin, tool)))
