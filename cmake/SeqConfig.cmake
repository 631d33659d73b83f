# The seq package: `find_package(Seq)` gives the imported target Seq::Runtime
# (the C++ API, seq/Runtime/Model.h; see docs/api.md).
include("${CMAKE_CURRENT_LIST_DIR}/SeqTargets.cmake")
