//===- FileIO.h - Whole-file reads and writes -------------------*- C++ -*-===//
//
// Private helpers of the tensor file readers and writers: read a whole file
// into memory and write a byte string to a file, reporting OS errors as a
// Status that names the path.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_LIB_FILEIO_H
#define SEQ_RUNTIME_LIB_FILEIO_H

#include "seq/Runtime/Status.h"

#include <string>
#include <string_view>

namespace seq::runtime::detail {

/// The contents of the file at `path`.
StatusOr<std::string> readWholeFile(const std::string &path);

/// Replaces the file at `path` with `bytes`.
Status writeWholeFile(const std::string &path, std::string_view bytes);

} // namespace seq::runtime::detail

#endif // SEQ_RUNTIME_LIB_FILEIO_H
