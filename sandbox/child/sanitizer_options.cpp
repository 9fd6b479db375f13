// Sanitizer builds only: a crash in the child ends it the way it ends in a
// production build. The sanitizers' reports would read /proc and start a
// symbolizer, both refused by the lockdown, so the child would die by SIGSYS
// and the host would classify a segfault as a forbidden system call. So:
// no signal handlers of ASan's, no symbolizing, no stack traces; a report
// UBSan makes itself is one line and the child exits. The host passes no
// *SAN_OPTIONS (sandbox_process.cpp), so these are the options in force.
#if defined(CORDON_SANDBOX_SANITIZER_RUNTIME)
extern "C" const char *__asan_default_options()
{
    return "handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:symbolize=0";
}

extern "C" const char *__ubsan_default_options() { return "print_stacktrace=0:symbolize=0:halt_on_error=1"; }
#endif
