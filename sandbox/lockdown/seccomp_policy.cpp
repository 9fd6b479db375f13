// The whole seccomp policy of the sandbox child. Anything not allowed here
// traps (SCMP_ACT_TRAP) into the handler of forbidden_syscall_report.cpp,
// which names the syscall in the log and ends the process by SIGSYS: the
// host reports a forbidden system call, by name, and restarts the child.
// Each allowed syscall says why it is needed;
// argument checks stand next to the syscall they constrain.
//
// The loading list was measured with `strace -f` of glibc 2.36 dlopen()ing
// cordon-codec-opus.so (which pulls in libopus and libm).
#include "seccomp_policy.hpp"

#include <fcntl.h>
#include <signal.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <string>

namespace cordon::sandbox {
namespace {

// openat flags that could create, truncate or write a file. Loading opens
// libraries with O_RDONLY | O_CLOEXEC; none of these is ever needed.
constexpr scmp_datum_t kWritingOpenFlags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
constexpr scmp_datum_t kExecutableProtection = PROT_EXEC;
// Argument positions, named so the rules below read as sentences.
constexpr unsigned kFirstArgument = 0;
constexpr unsigned kOpenatFlagsArgument = 2;
constexpr unsigned kProtectionArgument = 2;

// libseccomp's SCMP_CMP macro is a C compound literal, which C++ (clang with
// -Wpedantic) refuses; this builds the same comparison as a C++ aggregate.
constexpr scmp_arg_cmp compare(unsigned argument, scmp_compare op, scmp_datum_t value, scmp_datum_t mask_result = 0)
{
    return scmp_arg_cmp{argument, op, value, mask_result};
}

// Collects rules into one libseccomp context; the first failure is kept and
// reported by load(), so the policy below stays a plain list.
class Filter {
public:
    Filter() : context_(seccomp_init(SCMP_ACT_TRAP))
    {
        if (context_ == nullptr) {
            fail("seccomp_init failed");
            return;
        }
        // A syscall made through another ABI (int 0x80, x32) is a violation too.
        seccomp_attr_set(context_, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
        // process_hygiene sets no_new_privs itself; libseccomp must not need prctl.
        seccomp_attr_set(context_, SCMP_FLTATR_CTL_NNP, 0);
    }
    ~Filter()
    {
        if (context_ != nullptr) {
            seccomp_release(context_);
        }
    }
    Filter(const Filter &) = delete;
    Filter &operator=(const Filter &) = delete;

    void allow(const char *syscall_name) { add(syscall_name, {}); }

    void allow_if(const char *syscall_name, std::initializer_list<scmp_arg_cmp> conditions)
    {
        add(syscall_name, conditions);
    }

    // One rule per descriptor: the rules for one syscall are alternatives.
    void allow_on_fds(const char *syscall_name, std::span<const int> fds)
    {
        for (const int fd : fds) {
            add(syscall_name, {compare(kFirstArgument, SCMP_CMP_EQ, static_cast<scmp_datum_t>(fd))});
        }
    }

    Result<void> load()
    {
        if (!error_.empty()) {
            return Error{ErrorCode::unsupported, "sandbox seccomp policy: " + error_};
        }
        const int status = seccomp_load(context_);
        if (status != 0) {
            return Error{ErrorCode::unsupported,
                         std::string("sandbox seccomp policy: the kernel refused the filter: ")
                             + std::strerror(-status)};
        }
        return {};
    }

private:
    void fail(std::string message)
    {
        if (error_.empty()) {
            error_ = std::move(message);
        }
    }

    void add(const char *syscall_name, std::initializer_list<scmp_arg_cmp> conditions)
    {
        if (context_ == nullptr) {
            return;
        }
        const int number = seccomp_syscall_resolve_name(syscall_name);
        if (number == __NR_SCMP_ERROR) {
            fail(std::string("unknown syscall name ") + syscall_name);
            return;
        }
        const int status = seccomp_rule_add_array(context_, SCMP_ACT_ALLOW, number,
                                                  static_cast<unsigned>(conditions.size()),
                                                  conditions.size() == 0 ? nullptr : conditions.begin());
        if (status != 0) {
            fail(std::string("cannot add a rule for ") + syscall_name + ": " + std::strerror(-status));
        }
    }

    scmp_filter_ctx context_;
    std::string error_;
};

#if defined(CORDON_SANDBOX_SANITIZER_RUNTIME)
// Sanitizer builds only (CORDON_SANITIZE non-empty), measured by trapping
// every refused syscall of the probe under the asan preset. LeakSanitizer's
// end-of-process check (clone + ptrace) is not allowed but run before
// lockdown instead (lockdown.cpp). Never part of a production build.
void allow_what_the_sanitizer_runtime_needs(Filter &filter)
{
    filter.allow("sigaltstack");  // the runtime's SIGABRT/SIGSEGV handler sets up its own stack
}
#endif

// Both phases: memory for malloc, locks, time, and dying. The serving filter
// stacks on the loading one, so what serving allows must be allowed here too.
void allow_what_every_phase_needs(Filter &filter, std::span<const int> kept_fds)
{
    const auto own_pid = static_cast<scmp_datum_t>(getpid());  // no new pid namespace for itself
    filter.allow("brk");            // malloc grows the main arena
    filter.allow("munmap");         // free of large blocks, dlopen's temporary maps
    filter.allow("mremap");         // realloc of large blocks
    filter.allow("madvise");        // malloc returns freed pages to the kernel
    filter.allow("futex");          // every lock in glibc, and the protocol's wake-ups
    filter.allow("getrandom");      // malloc's tcache and hash seeds; no side effects
    filter.allow("clock_gettime");  // the vDSO's fallback; codecs and deadlines read clocks
    filter.allow("clock_nanosleep"); // a codec or the protocol waiting out a short time
    filter.allow("sched_yield");    // spin locks back off
    filter.allow("rt_sigreturn");   // return from a signal handler
    filter.allow("rt_sigprocmask"); // abort() unblocks SIGABRT; affects only this process
    // abort() resets SIGABRT; affects only this process. Never SIGSYS: its
    // handler reports forbidden syscalls, and a plugin must not replace it.
    filter.allow_if("rt_sigaction", {compare(kFirstArgument, SCMP_CMP_NE, SIGSYS)});
    filter.allow("restart_syscall"); // the kernel resumes an interrupted futex or sleep
    filter.allow("getpid");         // abort() and raise() name themselves
    filter.allow("gettid");         // as above, per thread
    filter.allow("close");          // giving a descriptor back gains nothing
    filter.allow("exit");           // a thread ends
    filter.allow("exit_group");     // the process ends
    // abort() and raise() signal this process; nobody else.
    filter.allow_if("kill", {compare(kFirstArgument, SCMP_CMP_EQ, own_pid)});
    filter.allow_if("tgkill", {compare(kFirstArgument, SCMP_CMP_EQ, own_pid)});
    filter.allow_if("tkill", {compare(kFirstArgument, SCMP_CMP_EQ, own_pid)});  // main thread: tid == pid
    // Writing goes only to the IPC fds and the log fd: no other descriptor is
    // open for writing, and a plugin must not invent a channel.
    filter.allow_on_fds("write", kept_fds);
#if defined(CORDON_SANDBOX_SANITIZER_RUNTIME)
    allow_what_the_sanitizer_runtime_needs(filter);
#endif
}

}  // namespace

Result<void> require_covered_architecture()
{
    const std::uint32_t native = seccomp_arch_native();
    if (native == SCMP_ARCH_X86_64 || native == SCMP_ARCH_AARCH64) {
        return {};
    }
    return Error{ErrorCode::unsupported,
                 "the sandbox seccomp policy covers x86_64 and aarch64 only; this machine is neither, "
                 "so the sandbox will not start (run the plugin in process only if you trust it)"};
}

Result<void> install_loading_policy(std::span<const int> kept_fds)
{
    if (auto covered = require_covered_architecture(); !covered) {
        return covered;
    }
    Filter filter;
    allow_what_every_phase_needs(filter, kept_fds);
    // dlopen finds and maps the plugin and its libraries, read-only.
    filter.allow_if("openat",        // the plugin, /etc/ld.so.cache, each needed library
                    {compare(kOpenatFlagsArgument, SCMP_CMP_MASKED_EQ, kWritingOpenFlags, 0)});
    filter.allow("read");            // ELF headers of each opened library
    filter.allow("pread64");         // program headers and notes past the first read
    filter.allow("lseek");           // older loaders seek to the program headers
    filter.allow("fstat");           // library size and identity (dev, inode)
    filter.allow("newfstatat");      // glibc's fstat is fstatat(fd, "", AT_EMPTY_PATH)
    filter.allow("statx");           // the same on newer glibc
    filter.allow("mmap");            // map each segment, PROT_EXEC for code
    filter.allow("mprotect");        // RELRO: make relocated data read-only
    // Installing the serving filter. A stacked filter can only take away:
    // the kernel applies the strictest answer of all filters.
    filter.allow("seccomp");
    return filter.load();
}

Result<void> install_serving_policy(std::span<const int> kept_fds)
{
    if (auto covered = require_covered_architecture(); !covered) {
        return covered;
    }
    Filter filter;
    allow_what_every_phase_needs(filter, kept_fds);
    // The protocol's eventfd/pipe reads; no file is read once serving.
    filter.allow_on_fds("read", kept_fds);
    // malloc maps memory; nothing new may become executable.
    filter.allow_if("mmap", {compare(kProtectionArgument, SCMP_CMP_MASKED_EQ, kExecutableProtection, 0)});
    filter.allow_if("mprotect",      // malloc's non-main arenas grow with mprotect
                    {compare(kProtectionArgument, SCMP_CMP_MASKED_EQ, kExecutableProtection, 0)});
    // Everything else is refused by omission, notably: open/openat/openat2,
    // socket/connect, execve/execveat, fork/vfork/clone/clone3, ptrace,
    // seccomp, prctl, setrlimit/prlimit64, unshare, mount.
    return filter.load();
}

}  // namespace cordon::sandbox
