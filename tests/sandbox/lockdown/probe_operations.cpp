// The operations the probe tries once locked down. Each returns an exit code
// (probe_protocol.hpp); a refused syscall usually ends the process first.
#include "tests/sandbox/lockdown/probe_operations.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "tests/sandbox/lockdown/probe_protocol.hpp"

extern char **environ;

namespace cordon::sandbox::probe {
namespace {

constexpr std::size_t serving_allocation_bytes = 4U << 20; // a few MB, as a busy codec might
constexpr std::size_t allocation_rounds = 8;
constexpr std::size_t page_bytes = 4096;
constexpr std::uint64_t eventfd_reply = 42;
constexpr int highest_fd_checked = 1024;

int refused() { return exit_refused; }

int try_open(const std::string &path, int flags)
{
    const int fd = open(path.c_str(), flags | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        return refused();
    }
    const char byte = 'x';
    const bool wrote = (flags & O_ACCMODE) != O_RDONLY && write(fd, &byte, 1) == 1;
    report("opened " + path + (wrote ? " and wrote" : ""));
    return exit_succeeded;
}

// fstat answers EBADF for a closed descriptor (listing /proc/self/fd would
// need getdents64, which the loading policy has no reason to allow).
int list_fds()
{
    std::string fds;
    for (int fd = 0; fd < highest_fd_checked; ++fd) {
        struct stat status {};
        if (fstat(fd, &status) == 0) {
            fds += fds.empty() ? "" : ",";
            fds += std::to_string(fd);
        }
    }
    report("fds=" + fds);
    return exit_succeeded;
}

int count_environment()
{
    int count = 0;
    for (char **variable = environ; variable != nullptr && *variable != nullptr; ++variable) {
        ++count;
    }
    report("env=" + std::to_string(count));
    return exit_succeeded;
}

int namespace_inode(const std::string &name)
{
    struct stat status {};
    if (stat(("/proc/self/ns/" + name).c_str(), &status) != 0) {
        return refused();
    }
    report("ns=" + std::to_string(status.st_ino));
    return exit_succeeded;
}

int allocate_beyond_limit()
{
    void *block = std::malloc(beyond_address_space_bytes);
    report(block == nullptr ? "alloc=null" : "alloc=ok");
    std::free(block);
    return exit_succeeded;
}

int allocate_and_free()
{
    for (std::size_t round = 0; round < allocation_rounds; ++round) {
        auto *block = static_cast<char *>(std::malloc(serving_allocation_bytes));
        if (block == nullptr) {
            return refused();
        }
        std::memset(block, static_cast<int>(round), serving_allocation_bytes); // touch every page
        auto *grown = static_cast<char *>(std::realloc(block, 2 * serving_allocation_bytes));
        if (grown == nullptr) {
            std::free(block);
            return refused();
        }
        std::free(grown);
    }
    report("malloc=ok");
    return exit_succeeded;
}

int eventfd_exchange()
{
    std::uint64_t value = 0;
    if (read(ipc_fd_number, &value, sizeof(value)) != sizeof(value)) {
        return refused();
    }
    report("eventfd=" + std::to_string(value));
    const std::uint64_t reply = eventfd_reply;
    return write(ipc_fd_number, &reply, sizeof(reply)) == sizeof(reply) ? exit_succeeded : refused();
}

int write_ipc_fd()
{
    const char byte = 'x';
    return write(ipc_fd_number, &byte, 1) == 1 ? exit_succeeded : refused();
}

int connect_to_port(const std::string &port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return refused();
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(std::stoi(port)));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0) {
        return refused();
    }
    const char message[] = "escaped";
    return write(fd, message, sizeof(message)) > 0 ? exit_succeeded : refused();
}

int execute_shell()
{
    char shell[] = "/bin/sh";
    char command_flag[] = "-c";
    char command[] = "exit 0";
    char *arguments[] = {shell, command_flag, command, nullptr};
    char *no_environment[] = {nullptr};
    execve(shell, arguments, no_environment);
    return refused();
}

// Every way to make a process: a child that appears exits at once.
int make_child(long child_pid)
{
    if (child_pid == 0) {
        _exit(exit_succeeded);
    }
    return child_pid > 0 ? exit_succeeded : refused();
}

int clone3_child()
{
    clone_args arguments{};
    arguments.exit_signal = SIGCHLD;
    return make_child(syscall(SYS_clone3, &arguments, sizeof(arguments)));
}

void *idle_thread(void *) { return nullptr; }

int start_thread()
{
    pthread_t thread{};
    if (pthread_create(&thread, nullptr, idle_thread, nullptr) != 0) {
        return refused();
    }
    pthread_join(thread, nullptr);
    return exit_succeeded;
}

int map_executable_memory()
{
    void *page = mmap(nullptr, page_bytes, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return page == MAP_FAILED ? refused() : exit_succeeded;
}

int make_memory_executable()
{
    void *page = mmap(nullptr, page_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        return refused();
    }
    return mprotect(page, page_bytes, PROT_READ | PROT_EXEC) == 0 ? exit_succeeded : refused();
}

// Each rule on an argument the kernel reads as an int, tried with the upper
// half of the register set: the kernel ignores it, so the rule must too.
constexpr long upper_half = 1L << 32;

int write_ipc_fd_with_upper_half()
{
    const std::uint64_t one = 1;
    return syscall(SYS_write, upper_half | ipc_fd_number, &one, sizeof(one)) == sizeof(one) ? exit_succeeded
                                                                                            : refused();
}

int read_ipc_fd_with_upper_half()
{
    std::uint64_t value = 0;
    return syscall(SYS_read, upper_half | ipc_fd_number, &value, sizeof(value)) == sizeof(value) ? exit_succeeded
                                                                                                 : refused();
}

// Allowed signals to itself, with the pid's or the signal's upper half set:
// the kernel delivers them, so the process ends by that signal.
int kill_itself_with_upper_half(long signal_upper)
{
    syscall(SYS_kill, upper_half | getpid(), signal_upper | SIGABRT);
    return exit_succeeded;
}

int tgkill_itself_with_upper_half()
{
    syscall(SYS_tgkill, upper_half | getpid(), syscall(SYS_gettid), upper_half | SIGABRT);
    return exit_succeeded;
}

int tkill_itself_with_upper_half()
{
    syscall(SYS_tkill, upper_half | getpid(), upper_half | SIGABRT);
    return exit_succeeded;
}

// A signal the filter does not let a process send itself, its upper half
// set to look harmless to a 64-bit rule: the kernel would deliver SIGUSR1.
int kill_itself_with_sigusr1_upper_half()
{
    syscall(SYS_kill, getpid(), upper_half | SIGUSR1);
    return exit_succeeded;
}

int open_for_writing_with_upper_half(const std::string &path)
{
    const long fd = syscall(SYS_openat, AT_FDCWD, path.c_str(), upper_half | O_WRONLY | O_CREAT | O_TRUNC, 0600);
    return fd >= 0 ? exit_succeeded : refused();
}

int map_executable_memory_with_upper_half()
{
    const long page =
        syscall(SYS_mmap, nullptr, page_bytes, upper_half | PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return page == -1 ? refused() : exit_succeeded;
}

} // namespace

void report(const std::string &line)
{
    const std::string with_newline = line + "\n";
    [[maybe_unused]] const ssize_t written = write(report_fd, with_newline.data(), with_newline.size());
}

int run_operation(const std::string &operation, const std::string &argument)
{
    if (operation == "none")
        return exit_succeeded;
    if (operation == "open-read")
        return try_open(argument, O_RDONLY);
    if (operation == "open-write")
        return try_open(argument, O_WRONLY | O_CREAT | O_TRUNC);
    if (operation == "list-fds")
        return list_fds();
    if (operation == "count-env")
        return count_environment();
    if (operation == "ns-inode")
        return namespace_inode(argument);
    if (operation == "alloc-beyond-limit")
        return allocate_beyond_limit();
    if (operation == "malloc")
        return allocate_and_free();
    if (operation == "eventfd")
        return eventfd_exchange();
    if (operation == "write-ipc")
        return write_ipc_fd();
    if (operation == "socket")
        return socket(AF_INET, SOCK_STREAM, 0) >= 0 ? exit_succeeded : refused();
    if (operation == "connect")
        return connect_to_port(argument);
    if (operation == "exec-shell")
        return execute_shell();
    if (operation == "fork")
        return make_child(fork());
    if (operation == "vfork")
        return make_child(vfork());
    if (operation == "clone")
        return make_child(syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0));
    if (operation == "clone3")
        return clone3_child();
    if (operation == "thread")
        return start_thread();
    // PTRACE_TRACEME: a ptrace request that harms nobody if the filter failed.
    if (operation == "ptrace")
        return ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) == 0 ? exit_succeeded : refused();
    // Signal 0 checks the target exists: a real kill() that harms nobody.
    if (operation == "kill")
        return kill(static_cast<pid_t>(std::stol(argument)), 0) == 0 ? exit_succeeded : refused();
    if (operation == "abort")
        std::abort();
    // A plugin taking over SIGSYS to survive forbidden syscalls.
    if (operation == "ignore-sigsys")
        return signal(SIGSYS, SIG_IGN) == SIG_ERR ? refused() : exit_succeeded;
    if (operation == "write-ipc-upper")
        return write_ipc_fd_with_upper_half();
    if (operation == "read-ipc-upper")
        return read_ipc_fd_with_upper_half();
    if (operation == "kill-upper")
        return kill_itself_with_upper_half(0);
    if (operation == "kill-signal-upper")
        return kill_itself_with_upper_half(upper_half);
    if (operation == "tgkill-upper")
        return tgkill_itself_with_upper_half();
    if (operation == "tkill-upper")
        return tkill_itself_with_upper_half();
    if (operation == "kill-sigusr1-upper")
        return kill_itself_with_sigusr1_upper_half();
    if (operation == "open-write-upper")
        return open_for_writing_with_upper_half(argument);
    if (operation == "mmap-exec-upper")
        return map_executable_memory_with_upper_half();
    if (operation == "ignore-sigsys-then-socket") {
        signal(SIGSYS, SIG_IGN);
        return socket(AF_INET, SOCK_STREAM, 0) >= 0 ? exit_succeeded : refused();
    }
    if (operation == "mmap-exec")
        return map_executable_memory();
    if (operation == "mprotect-exec")
        return make_memory_executable();
    return exit_usage;
}

} // namespace cordon::sandbox::probe
