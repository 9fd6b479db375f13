// The whole seccomp policy of a locked-down process. Each allowed syscall
// says why it is needed; argument checks stand next to the syscall they
// constrain, and compare what the kernel compares: where the kernel reads an
// int (descriptors, pids, signals, open flags), only the low 32 bits of the
// register count, so the rule masks the upper half away too. A rule on all
// 64 bits could be passed with the upper half set: the rule would see a
// harmless number and the kernel a forbidden one.
//
// The loading list was measured with `strace -f` of glibc 2.36 dlopen()ing
// cordon-codec-opus.so (which pulls in libopus and libm).
#include "sandbox/lockdown/seccomp_policy.hpp"

#include <fcntl.h>
#include <linux/filter.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

namespace cordon::sandbox {
namespace {

// openat flags that could create, truncate or write a file. Loading opens
// libraries with O_RDONLY | O_CLOEXEC; none of these is ever needed.
constexpr scmp_datum_t writing_open_flags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
constexpr scmp_datum_t executable_protection = PROT_EXEC;
constexpr scmp_datum_t anonymous_mapping = MAP_ANONYMOUS;
// The kernel reads these arguments as 32-bit ints.
constexpr scmp_datum_t low32_bits = 0xffffffffULL;
// Argument positions, named so the rules below read as sentences.
constexpr unsigned first_argument = 0;
constexpr unsigned second_argument = 1;
constexpr unsigned third_argument = 2;
constexpr unsigned openat_flags_argument = 2;
constexpr unsigned protection_argument = 2;
constexpr unsigned mmap_flags_argument = 3;
// The signals a process may send itself: abort() and the sanitizers'
// re-raise after their report. Never SIGSYS: a death by SIGSYS must mean the
// kernel's seccomp kill, so a plugin cannot dress a crash up as one.
constexpr int signals_to_itself[] = {SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};

// A comparison of a 32-bit argument, as the kernel reads it.
constexpr scmp_arg_cmp equals_32(unsigned argument, scmp_datum_t value)
{
    return scmp_arg_cmp{argument, SCMP_CMP_MASKED_EQ, low32_bits, value & low32_bits};
}

// No bit of mask set (mask within the low 32 bits, so the upper half is
// ignored as the kernel ignores it for an int).
constexpr scmp_arg_cmp has_none_of(unsigned argument, scmp_datum_t mask)
{
    return scmp_arg_cmp{argument, SCMP_CMP_MASKED_EQ, mask, 0};
}

// Collects rules into one libseccomp context; the first failure is kept and
// reported by load(), so the policy below stays a plain list.
class Filter {
public:
    explicit Filter(uint32_t default_action) : context_(seccomp_init(default_action))
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
            add(syscall_name, {equals_32(first_argument, static_cast<scmp_datum_t>(fd))});
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
                         std::string("sandbox seccomp policy: the kernel refused the filter: ") +
                             std::strerror(-status)};
        }
        return {};
    }

    // The BPF program libseccomp generated, for loading with the raw
    // syscall: libseccomp 2.5 asks the kernel for a notification listener
    // only when a rule (not the default action) notifies. Through a pipe,
    // as the largest program the kernel takes (BPF_MAXINSNS instructions,
    // 32 KiB) fits in a pipe's buffer.
    Result<void> compile(std::vector<sock_filter> &program)
    {
        if (!error_.empty()) {
            return Error{ErrorCode::unsupported, "sandbox seccomp policy: " + error_};
        }
        int ends[2];
        if (pipe2(ends, O_CLOEXEC) != 0) {
            return Error{ErrorCode::unsupported, std::string("sandbox seccomp policy: pipe2: ") + std::strerror(errno)};
        }
        const int exported = seccomp_export_bpf(context_, ends[1]);
        close(ends[1]);
        program.resize(BPF_MAXINSNS + 1);
        const size_t capacity = program.size() * sizeof(sock_filter);
        size_t total = 0;
        ssize_t count = 0;
        auto *bytes = reinterpret_cast<char *>(program.data());
        while (total < capacity && (count = read(ends[0], bytes + total, capacity - total)) > 0) {
            total += static_cast<size_t>(count);
        }
        close(ends[0]);
        program.resize(total / sizeof(sock_filter));
        if (exported != 0 || count < 0 || total % sizeof(sock_filter) != 0 || program.empty() ||
            program.size() > BPF_MAXINSNS) {
            return Error{ErrorCode::unsupported, "sandbox seccomp policy: cannot compile the filter"};
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
        const int status =
            seccomp_rule_add_array(context_, SCMP_ACT_ALLOW, number, static_cast<unsigned>(conditions.size()),
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
    filter.allow("sigaltstack"); // the runtime's SIGABRT/SIGSEGV handler sets up its own stack
}
#endif

// What serving frames needs, in both modes and for the process's whole life.
void allow_what_serving_needs(Filter &filter, std::span<const int> kept_fds, pid_t process)
{
    const auto own_pid = static_cast<scmp_datum_t>(process); // no new pid namespace for itself
    filter.allow("brk");                                     // malloc grows the main arena
    filter.allow("munmap");                                  // free of large blocks, dlopen's temporary maps
    filter.allow("mremap");                                  // realloc of large blocks
    filter.allow("madvise");                                 // malloc returns freed pages to the kernel
    filter.allow("futex");                                   // every lock in glibc, and the protocol's wake-ups
    filter.allow("getrandom");                               // malloc's tcache and hash seeds; no side effects
    filter.allow("clock_gettime");                           // the vDSO's fallback; codecs and deadlines read clocks
    filter.allow("clock_nanosleep");                         // a codec or the protocol waiting out a short time
    filter.allow("sched_yield");                             // spin locks back off
    filter.allow("rt_sigreturn");                            // return from a signal handler
    filter.allow("rt_sigprocmask");                          // abort() unblocks SIGABRT; affects only this process
    filter.allow("rt_sigaction");                            // abort() resets SIGABRT; affects only this process
    filter.allow("restart_syscall");                         // the kernel resumes an interrupted futex or sleep
    filter.allow("getpid");                                  // abort() and raise() name themselves
    filter.allow("gettid");                                  // as above, per thread
    filter.allow("close");                                   // giving a descriptor back gains nothing
    filter.allow("exit");                                    // a thread ends
    filter.allow("exit_group");                              // the process ends
    // abort() and raise() signal this process, with the few signals a crash
    // raises; nobody else, and never SIGSYS (see signals_to_itself).
    for (const int signal : signals_to_itself) {
        const auto number = static_cast<scmp_datum_t>(signal);
        filter.allow_if("kill", {equals_32(first_argument, own_pid), equals_32(second_argument, number)});
        filter.allow_if("tgkill", {equals_32(first_argument, own_pid), equals_32(third_argument, number)});
        // The main thread's tid is the pid.
        filter.allow_if("tkill", {equals_32(first_argument, own_pid), equals_32(second_argument, number)});
    }
    // Reading needs no check on the descriptor: the only ones open are the
    // kept fds and what loading opened read-only within Landlock's paths,
    // and nothing can be opened once serving. Allowed outright, the loader's
    // many reads of each library cost no trip to the supervisor.
    filter.allow("read");
    filter.allow("pread64"); // program headers and notes past the first read
    filter.allow("lseek");   // older loaders seek to the program headers
    // Writing goes to the IPC fds and the log fd only: a plugin must not
    // invent a channel.
    filter.allow_on_fds("write", kept_fds);
    // glibc writes its fatal messages ("free(): invalid pointer") with one
    // writev to stderr before it aborts: the log fd, so the reason is seen.
    filter.allow_on_fds("writev", kept_fds);
    // malloc maps memory; nothing new may become executable.
    filter.allow_if("mmap", {has_none_of(protection_argument, executable_protection)});
    filter.allow_if("mprotect", {has_none_of(protection_argument, executable_protection)});
#if defined(CORDON_SANDBOX_SANITIZER_RUNTIME)
    allow_what_the_sanitizer_runtime_needs(filter);
#endif
    // Refused by omission in both modes, notably: seccomp and prctl (no
    // filter of the plugin's own, no change to no_new_privs or dumpable),
    // landlock_*, socket/connect, execve/execveat, fork/vfork/clone/clone3,
    // ptrace, setrlimit/prlimit64, unshare, mount, kill of anyone else.
}

// What dlopen of a plugin and its libraries needs beyond serving, read-only:
// the standalone filter allows it outright; the supervised one leaves it to
// the host (allowed_while_loading mirrors this list).
void allow_what_loading_needs(Filter &filter)
{
    filter.allow_if("openat", // the plugin, /etc/ld.so.cache, each needed library
                    {has_none_of(openat_flags_argument, writing_open_flags)});
    filter.allow("fstat");      // library size and identity (dev, inode)
    filter.allow("newfstatat"); // glibc's fstat is fstatat(fd, "", AT_EMPTY_PATH)
    filter.allow("statx");      // the same on newer glibc
    // Code of a library file, mapped PROT_EXEC; never executable anonymous memory.
    filter.allow_if("mmap", {has_none_of(mmap_flags_argument, anonymous_mapping)});
}

int syscall_number(const char *name) { return seccomp_syscall_resolve_name(name); }

uint64_t low_32_bits(uint64_t argument) { return argument & low32_bits; }

} // namespace

Result<void> install_standalone_policy(const PolicyFds &fds)
{
    if (auto covered = require_covered_architecture(); !covered) {
        return covered;
    }
    Filter filter(SCMP_ACT_KILL_PROCESS);
    allow_what_serving_needs(filter, fds.kept_fds, getpid());
    allow_what_loading_needs(filter);
    return filter.load();
}

Result<SupervisedProgram> compile_supervised_policy(const PolicyFds &fds, pid_t process)
{
    if (auto covered = require_covered_architecture(); !covered) {
        return covered.error();
    }
    Filter filter(SCMP_ACT_NOTIFY);
    allow_what_serving_needs(filter, fds.kept_fds, process);
    // Handing the listener to the host: the one call made between installing
    // the filter and giving the listener away.
    filter.allow_on_fds("sendmsg", std::span(&fds.handover_fd, 1));
    SupervisedProgram program{process, sorted_unique(fds.kept_fds), fds.handover_fd, {}};
    if (auto compiled = filter.compile(program.instructions); !compiled) {
        return compiled.error();
    }
    return program;
}

bool allowed_while_loading(const seccomp_data &call)
{
    if (call.arch != seccomp_arch_native()) {
        return false;
    }
    const int number = call.nr;
    if (number == syscall_number("openat")) {
        return (low_32_bits(call.args[openat_flags_argument]) & writing_open_flags) == 0;
    }
    if (number == syscall_number("mmap")) {
        // Library code, PROT_EXEC from a file; never executable anonymous memory.
        return (call.args[mmap_flags_argument] & anonymous_mapping) == 0;
    }
    for (const char *name : {"fstat", "newfstatat", "statx"}) {
        if (number == syscall_number(name)) {
            return true;
        }
    }
    return false;
}

bool installs_a_seccomp_filter(const seccomp_data &call)
{
    return call.nr == syscall_number("seccomp") ||
           (call.nr == syscall_number("prctl") && low_32_bits(call.args[first_argument]) == PR_SET_SECCOMP);
}

} // namespace cordon::sandbox
