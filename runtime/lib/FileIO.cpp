//===- FileIO.cpp - Whole-file reads and writes ---------------------------===//
//
// C stdio rather than iostreams: errno gives a precise reason, and nothing
// here can throw.
//
//===----------------------------------------------------------------------===//

#include "FileIO.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

using namespace seq::runtime;

StatusOr<std::string> detail::readWholeFile(const std::string &path) {
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (!file)
    return Status::error(path + ": cannot open file: " + std::strerror(errno));
  std::string contents;
  char buffer[1 << 16];
  while (true) {
    size_t n = std::fread(buffer, 1, sizeof(buffer), file);
    contents.append(buffer, n);
    if (n < sizeof(buffer))
      break;
  }
  // A directory opens fine on Linux and fails here with EISDIR.
  const bool failed = std::ferror(file);
  const int savedErrno = errno;
  std::fclose(file);
  if (failed)
    return Status::error(path +
                         ": cannot read file: " + std::strerror(savedErrno));
  return contents;
}

Status detail::writeWholeFile(const std::string &path, std::string_view bytes) {
  std::FILE *file = std::fopen(path.c_str(), "wb");
  if (!file)
    return Status::error(
        path + ": cannot open file for writing: " + std::strerror(errno));
  const size_t written = std::fwrite(bytes.data(), 1, bytes.size(), file);
  const int writeErrno = errno;
  const bool closeFailed = std::fclose(file) != 0;
  if (written != bytes.size())
    return Status::error(path +
                         ": cannot write file: " + std::strerror(writeErrno));
  if (closeFailed)
    return Status::error(path + ": cannot write file: " + std::strerror(errno));
  return Status::success();
}
