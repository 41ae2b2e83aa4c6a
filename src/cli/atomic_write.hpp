// Output files of the CLI, written atomically: the whole text goes to a
// temporary file in the target's directory, is flushed to disk (fsync) and
// renamed over the target. On any error the temporary file is removed and
// InputError is thrown, so the target is either untouched or complete.
//
// Device and FIFO paths (/dev/stdout, /dev/null, /dev/full, a pipe) cannot
// be renamed over; they are written directly and every write is checked.
#pragma once
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace zice::cli {

/// Streaming form, for output produced piece by piece (zice batch).
class AtomicOutput {
 public:
  /// Creates the temporary file (or opens the device). Throws InputError.
  explicit AtomicOutput(std::string path);
  /// Removes the temporary file unless commit() succeeded.
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  std::ostream& stream();
  /// Flushes, fsyncs, closes and renames into place. Throws InputError.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Writes `text` to `path` atomically (see above). Throws InputError.
void write_file_atomically(const std::string& path, std::string_view text);

/// A stream over an open file descriptor (not owned, not closed) with the same
/// 64 KiB buffer as AtomicOutput: for standard output redirected to a file or
/// pipe, where std::cout hands every large result to write(2) on its own.
/// The destructor flushes; check flush() to see write errors.
class FdOutput {
 public:
  explicit FdOutput(int fd);
  ~FdOutput();
  FdOutput(const FdOutput&) = delete;
  FdOutput& operator=(const FdOutput&) = delete;

  std::ostream& stream();
  /// Writes what is buffered; false when any write has failed.
  bool flush();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zice::cli
