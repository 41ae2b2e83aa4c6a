#include "cli/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <streambuf>
#include <vector>

#include <fmt/format.h>

#include "cli/common.hpp"

namespace zice::cli {

namespace {

[[noreturn]] void fail(const std::string& path, int err) {
  throw InputError(fmt::format("cannot write {}: {}", path, std::strerror(err)));
}

/// A buffered output stream buffer over a file descriptor that remembers the
/// errno of the first failed write (ENOSPC, EFBIG, EIO…). Output goes out in
/// 64 KiB writes: `zice batch` writes a result per record, and a write(2)
/// per record cost as much as a tenth of a CSV run, on the thread that keeps
/// the output in order. Errors surface at the latest when commit() flushes.
class FdBuf : public std::streambuf {
 public:
  FdBuf() { setp(buffer_, buffer_ + sizeof buffer_); }
  void attach(int fd) { fd_ = fd; }
  int fd() const { return fd_; }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    auto size = static_cast<std::size_t>(n);
    if (size > static_cast<std::size_t>(epptr() - pptr())) {
      if (!drain()) return 0;
      if (size >= sizeof buffer_) return put(s, size) ? n : 0;  // larger than the buffer: straight through
    }
    std::memcpy(pptr(), s, size);
    pbump(static_cast<int>(size));
    return n;
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  /// Writes what is buffered; false once any write has failed.
  bool drain() {
    auto n = static_cast<std::size_t>(pptr() - pbase());
    setp(buffer_, buffer_ + sizeof buffer_);
    return n == 0 ? !error_ : put(buffer_, n);
  }
  bool put(const char* s, std::size_t n) {
    while (n > 0 && !error_) {
      ssize_t w = ::write(fd_, s, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        error_ = w < 0 ? errno : EIO;
        break;
      }
      s += w;
      n -= static_cast<std::size_t>(w);
    }
    return !error_;
  }
  int fd_ = -1;
  int error_ = 0;
  char buffer_[64 * 1024];
};

}  // namespace

struct AtomicOutput::Impl {
  std::string path;  // the target
  std::string tmp;   // the temporary file; empty when writing a device directly
  FdBuf buf;
  std::ostream out{&buf};
  bool committed = false;

  void discard() {
    if (buf.fd() >= 0) ::close(buf.fd());
    buf.attach(-1);
    if (!tmp.empty()) ::unlink(tmp.c_str());
    committed = true;
  }
};

AtomicOutput::AtomicOutput(std::string path) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = std::move(path);
  struct stat st {};
  if (::stat(m.path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw InputError(fmt::format("cannot write {}: it is a directory", m.path));
    if (!S_ISREG(st.st_mode)) {
      // A device or FIFO: no temporary file can be renamed over it.
      int fd = ::open(m.path.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0) fail(m.path, errno);
      m.buf.attach(fd);
      return;
    }
  }
  std::filesystem::path target(m.path);
  std::filesystem::path dir = target.parent_path();
  // Appended piece by piece: "." + string trips a false -Wrestrict in GCC 12 at -O3.
  std::string hidden = ".";
  hidden += target.filename().string();
  hidden += ".tmp-XXXXXX";
  std::string pattern = (dir / hidden).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) fail(m.path, errno);
  m.tmp = name.data();
  // mkstemp creates 0600; give the file the mode a plain open() would.
  mode_t mask = ::umask(0);
  ::umask(mask);
  (void)::fchmod(fd, 0666 & ~mask);
  m.buf.attach(fd);
}

AtomicOutput::~AtomicOutput() {
  if (impl_ && !impl_->committed) impl_->discard();
}

std::ostream& AtomicOutput::stream() { return impl_->out; }

void AtomicOutput::commit() {
  Impl& m = *impl_;
  m.out.flush();
  int fd = m.buf.fd();
  int err = m.buf.error();
  if (!err && !m.out) err = EIO;
  // Make the data durable before the rename makes it visible (devices and
  // FIFOs need no fsync; for them EINVAL is normal).
  if (!err && !m.tmp.empty() && ::fsync(fd) != 0) err = errno;
  if (!err) {
    m.buf.attach(-1);
    if (::close(fd) != 0 && errno != EINTR) err = errno;
  }
  if (!err && !m.tmp.empty() && ::rename(m.tmp.c_str(), m.path.c_str()) != 0) err = errno;
  if (err) {
    m.discard();
    fail(m.path, err);
  }
  m.committed = true;
}

struct FdOutput::Impl {
  FdBuf buf;
  std::ostream out{&buf};
};

FdOutput::FdOutput(int fd) : impl_(std::make_unique<Impl>()) { impl_->buf.attach(fd); }

FdOutput::~FdOutput() { flush(); }

std::ostream& FdOutput::stream() { return impl_->out; }

bool FdOutput::flush() {
  impl_->out.flush();
  return impl_->buf.error() == 0 && impl_->out.good();
}

void write_file_atomically(const std::string& path, std::string_view text) {
  AtomicOutput out(path);
  out.stream().write(text.data(), static_cast<std::streamsize>(text.size()));
  out.commit();
}

}  // namespace zice::cli
