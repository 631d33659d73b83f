# -*- Python -*-
# lit configuration for seq: FileCheck tests of the tools, passes and diagnostics.
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "seq"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".seq", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.seq_obj_root, "test")
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unit", "lib", "Inputs"]

config.environment["FILECHECK_OPTS"] = "--enable-var-scope"
config.substitutions.append(("%python", "/usr/bin/python3"))
config.substitutions.append(("%seq_src_root", config.seq_src_root))
config.substitutions.append(("%examples", os.path.join(config.seq_src_root, "examples")))
config.substitutions.append(("%testlib", os.path.join(config.seq_src_root, "test", "lib")))
# The runtime library that `seqc compile` objects link against (test/AOT).
# Compiled code calls LLVM's OpenMP runtime for its parallel loops.
config.substitutions.append(("%seq_runtime_lib", " ".join([
    os.path.join(config.seq_obj_root, "lib", "libSeqRuntimeCore.a"),
    config.seq_openmp_lib,
    "-Wl,-rpath," + os.path.dirname(config.seq_openmp_lib)])))

llvm_config.with_system_environment(["HOME", "TMP", "TEMP", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"])
llvm_config.use_default_substitutions()
tool_dirs = [config.seq_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(["seq-opt", "seqc", "FileCheck", "not", "count"], tool_dirs)

# The host's vector extensions (test/Backend/LLVMCPU: the vector width).
with open("/proc/cpuinfo") as cpuinfo:
    if " avx512f " in cpuinfo.read():
        config.available_features.add("avx512f")

# PyTorch (Debian's python3-torch) is a test-only dependency.
if os.system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") == 0:
    config.available_features.add("torch")
