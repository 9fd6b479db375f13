/*
 * A deliberately malicious codec plugin, compiled once per hostile case by
 * CMakeLists.txt. Without a HOSTILE_* definition it is an honest "L16"/8000
 * codec that copies PCM bytes into packets. HOSTILE_ACTION names one bad deed
 * below; HOSTILE_AT_LOAD does it from a static constructor (before the
 * plugin's entry is even looked up), HOSTILE_AT_CREATE from create, and
 * otherwise it happens in encode. The lies about lengths and statuses happen
 * in encode only. HOSTILE_DECEPTIVE_TEXT gives it a name and a vendor that
 * read other than they are stored (a right-to-left override, a C1 control
 * sequence introducer) and writes such text, and bytes that are not UTF-8,
 * to stderr while it loads.
 *
 * The paths and the port it aims at come from the build
 * (HOSTILE_SECRET_PATH, HOSTILE_MARKER_PATH, HOSTILE_TCP_PORT), so the tests
 * can check that nothing was read, written or received.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "cordon/codec.h"

enum { frame_samples = 160, bytes_per_sample = 2, max_packet_bytes = 320 };

/* Read through a volatile so the compiler cannot prove the deed impossible. */
static volatile uintptr_t no_address = 0;
static volatile int keep_going = 1;

static void segfault(void) { *(volatile int *)no_address = 1; }

static void abort_now(void) { abort(); }

static void loop_forever(void)
{
    while (keep_going) {
    }
}

static void sleep_long(void)
{
    const struct timespec thirty_seconds = {30, 0};
    nanosleep(&thirty_seconds, NULL);
}

/* Takes memory a mebibyte at a time, touching every page, until there is
 * none; then uses the null pointer like a careless codec would. */
static void allocate_unbounded(void)
{
    enum { chunk = 1 << 20 };
    for (;;) {
        char *block = malloc(chunk);
        if (block == NULL) {
            segfault();
            return;
        }
        memset(block, 0x5a, chunk);
    }
}

static void fork_child(void)
{
    if (fork() == 0) {
        _exit(0);
    }
}

static void *thread_main(void *unused)
{
    (void)unused;
    return NULL;
}

static void clone_thread(void)
{
    pthread_t thread;
    if (pthread_create(&thread, NULL, thread_main, NULL) == 0) {
        pthread_join(thread, NULL);
    }
}

static void exec_shell(void) { execl("/bin/sh", "sh", "-c", "echo escaped > " HOSTILE_MARKER_PATH, (char *)NULL); }

/* Reads a file and prints it after label: if the read worked, the host's
 * log would carry it out. */
static void read_and_print(const char *path, const char *label)
{
    char secret[128] = {0};
    const int fd = open(path, O_RDONLY);
    if (fd >= 0) {
        const ssize_t count = read(fd, secret, sizeof(secret) - 1);
        (void)count;
        close(fd);
    }
    fprintf(stderr, "%s: %s\n", label, secret);
}

static void read_file(void) { read_and_print(HOSTILE_SECRET_PATH, "read"); }

static void create_file(void)
{
    const int fd = open(HOSTILE_MARKER_PATH, O_CREAT | O_WRONLY | O_TRUNC, 0600);
    if (fd >= 0) {
        const ssize_t count = write(fd, "escaped\n", 8);
        (void)count;
        close(fd);
    }
}

static void connect_tcp(void)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return;
    }
    struct sockaddr_in address;
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_port = htons(HOSTILE_TCP_PORT);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (const struct sockaddr *)&address, sizeof(address)) == 0) {
        const ssize_t count = write(fd, "escaped\n", 8);
        (void)count;
    }
    close(fd);
}

/* Ten thousand lines on stderr and as many on stdout. */
static void flood_output(void)
{
    for (int line = 0; line < 10000; ++line) {
        fprintf(stderr, "flood line %d on stderr, long enough to fill a pipe quickly\n", line);
        printf("flood line %d on stdout, long enough to fill a pipe quickly\n", line);
    }
    fflush(stdout);
}

static void signal_parent(void) { kill(getppid(), SIGTERM); }

/* Wakes the host on the child's reply descriptor (number 5, as the host
 * spawns it) before any reply is written, then takes its time: the host
 * must not read the half-written slots as a reply. */
static void forge_reply(void)
{
    const uint64_t one = 1;
    const ssize_t written = write(5, &one, sizeof(one));
    (void)written;
    const struct timespec a_while = {0, 20 * 1000 * 1000};
    nanosleep(&a_while, NULL);
}

#if defined(HOSTILE_DECEPTIVE_TEXT)
/* In UTF-8, written in octal: U+202E RIGHT-TO-LEFT OVERRIDE is \342\200\256,
 * U+009B CONTROL SEQUENCE INTRODUCER \302\233, U+200B ZERO WIDTH SPACE
 * \342\200\213; a lone \233 is not UTF-8. Shown as stored, the name reads
 * "Hostile codec" and the vendor's CSI starts a terminal escape. */
#define HOSTILE_NAME "Hostile \342\200\256cedoc"
#define HOSTILE_VENDOR "Cordon \302\23331mtests"
__attribute__((constructor)) static void deceive_the_log(void)
{
    fputs("deceptive: \342\200\256cba \302\23331m \23331m zero\342\200\213width\n", stderr);
}
#else
#define HOSTILE_NAME "Hostile test codec"
#define HOSTILE_VENDOR "Cordon tests"
#endif

/* A filter of its own that answers every later seccomp() with "success"
 * and does nothing: stacked before a lock-down step, it would make that
 * step silently never happen. Everything else it allows. */
static struct sock_fprog success_faking_filter(void)
{
    static struct sock_filter program[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_seccomp, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog loadable = {sizeof(program) / sizeof(program[0]), program};
    return loadable;
}

static void stack_filter(void)
{
    struct sock_fprog filter = success_faking_filter();
    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &filter);
    /* Had it worked, anonymous memory could now become code. */
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    fprintf(stderr, "own filter stacked; executable memory %s\n", page == MAP_FAILED ? "refused" : "mapped");
}

static void stack_filter_by_prctl(void)
{
    struct sock_fprog filter = success_faking_filter();
    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter, 0, 0);
    fprintf(stderr, "own filter stacked by prctl\n");
}

static void map_executable_memory(void)
{
    void *page = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    fprintf(stderr, "executable memory %s\n", page == MAP_FAILED ? "refused" : "mapped");
}

/* Writes what the sandbox's own report of a forbidden execve looked like,
 * then dies by SIGSYS as if the filter had stopped it. */
static void forge_verdict(void)
{
    fprintf(stderr, "cordon-sandbox: forbidden system call %d\n", (int)SYS_execve);
    fflush(stderr);
    raise(SIGSYS);
}

/* Writes a refusal reason of its own invention in the sandbox's voice and
 * exits with the status the sandbox uses for "could not load the plugin". */
static void forge_refusal(void)
{
    fprintf(stderr, "cordon-sandbox: the host approved this plugin: invented reason\n");
    fflush(stderr);
    _exit(5);
}

#if defined(HOSTILE_NEIGHBOUR_PATH)
/* The plugin's directory must not be readable, only its own file and libraries. */
static void read_neighbour(void) { read_and_print(HOSTILE_NEIGHBOUR_PATH, "neighbour read"); }
#endif

/* Under the per-call deadline (two 20 ms frames) every time, but slower
 * than real time: 30 ms of its own time for each 20 ms frame. */
static void sleep_past_real_time(void)
{
    const struct timespec thirty_milliseconds = {0, 30 * 1000 * 1000};
    nanosleep(&thirty_milliseconds, NULL);
}

/* Writes a passing result into cordon-plugin-probe's report (descriptor 3),
 * as if the probe had: the checker must see the report was tampered with. */
static void forge_probe_report(void)
{
    static const char forged[] = "result\tconformance.capacities\tpass\tforged by the plugin\n";
    (void)!write(3, forged, sizeof forged - 1);
}

/* Closes every descriptor it has, the reply pipe and the log among them, and
 * then keeps the call going: the host must wait out its deadline asleep,
 * neither spinning on pipes that have hung up nor taking their end for the
 * process's. */
static void hang_up_and_sleep(void)
{
    for (int fd = 0; fd < 64; ++fd) {
        close(fd);
    }
    sleep_long();
}

#if defined(HOSTILE_AT_LOAD)
__attribute__((constructor)) static void at_load(void) { HOSTILE_ACTION(); }
#endif

struct cordon_codec_instance {
    int unused;
};

static const uint32_t sample_rates[] = {8000u};
static const uint32_t durations[] = {20000u};
static const cordon_codec_format formats[] = {{
    .encoding_name = "L16",
    .clock_rate = 8000u,
    .rtp_channels = 1u,
    .static_payload_type = -1,
    .sample_rates = sample_rates,
    .sample_rate_count = 1u,
    .max_channels = 1u,
    .frame_durations_us = durations,
    .frame_duration_count = 1u,
    .fmtp_parameters = NULL,
    .fmtp_parameter_count = 0u,
    .has_inband_fec = 0u,
}};

/* Honest apart from its deed: only its own configuration, every pointer
 * checked, nothing written past the info struct's size. */
static cordon_status hostile_create(const cordon_codec_config *config, cordon_codec_instance **instance,
                                    cordon_codec_instance_info *info)
{
#if defined(HOSTILE_AT_CREATE)
    HOSTILE_ACTION();
#endif
    if (config == NULL || instance == NULL || info == NULL) {
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->encoding_name == NULL || strcmp(config->encoding_name, "L16") != 0 ||
        (config->clock_rate != 0u && config->clock_rate != 8000u) || config->sample_rate != 8000u ||
        config->channels > 1u || (config->frame_duration_us != 0u && config->frame_duration_us != 20000u) ||
        config->param_count != 0) {
        return CORDON_STATUS_UNSUPPORTED;
    }
    *instance = calloc(1, sizeof(**instance));
    if (*instance == NULL) {
        return CORDON_STATUS_OUT_OF_MEMORY;
    }
    const cordon_codec_instance_info described = {.struct_size = info->struct_size,
                                                  .frame_samples_per_channel = frame_samples,
                                                  .max_packet_bytes = max_packet_bytes,
                                                  .max_decoded_samples = frame_samples};
    memcpy(info, &described, info->struct_size < sizeof(described) ? info->struct_size : sizeof(described));
    return CORDON_STATUS_OK;
}

static cordon_status hostile_encode(cordon_codec_instance *instance, const int16_t *pcm, size_t pcm_samples,
                                    uint8_t *packet, size_t capacity, size_t *packet_bytes)
{
    if (instance == NULL || pcm == NULL || packet == NULL || packet_bytes == NULL) {
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    *packet_bytes = 0;
    if (pcm_samples != frame_samples) {
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (capacity < pcm_samples * bytes_per_sample) {
        return CORDON_STATUS_BUFFER_TOO_SMALL;
    }
#if defined(HOSTILE_OVERWRITE)
    /* Far past the buffer it was given: on through the rest of the shared
     * region and beyond it. Byte by byte, not memset: in sanitizer builds the
     * child's memset is ASan's, which would report instead of writing. */
    volatile uint8_t *past = packet + capacity;
    for (size_t offset = 0; offset < ((size_t)64 << 20); ++offset) {
        past[offset] = 0xa5;
    }
#elif defined(HOSTILE_OVERWRITE_A_LITTLE)
    /* A few bytes past the buffer, as an off-by-some bug would: still inside
     * the payload area, where only the child's canary sees it. */
    volatile uint8_t *past = packet + capacity;
    for (size_t offset = 0; offset < 8; ++offset) {
        past[offset] = 0x5a;
    }
#elif defined(HOSTILE_LIE_LENGTH)
    *packet_bytes = capacity + 4096;
    return CORDON_STATUS_OK;
#elif defined(HOSTILE_UNKNOWN_STATUS)
    return (cordon_status)77;
#elif defined(HOSTILE_ACTION) && !defined(HOSTILE_AT_LOAD) && !defined(HOSTILE_AT_CREATE)
    HOSTILE_ACTION();
#endif
    memcpy(packet, pcm, pcm_samples * bytes_per_sample);
    *packet_bytes = pcm_samples * bytes_per_sample;
    return CORDON_STATUS_OK;
}

static cordon_status hostile_decode(cordon_codec_instance *instance, const uint8_t *packet, size_t packet_bytes,
                                    int16_t *pcm, size_t capacity, size_t *pcm_samples)
{
    if (instance == NULL || packet == NULL || pcm == NULL || pcm_samples == NULL) {
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    *pcm_samples = 0;
    if (packet_bytes % bytes_per_sample != 0 || packet_bytes / bytes_per_sample > frame_samples) {
        return CORDON_STATUS_MALFORMED_INPUT;
    }
    if (capacity < packet_bytes / bytes_per_sample) {
        return CORDON_STATUS_BUFFER_TOO_SMALL;
    }
    memcpy(pcm, packet, packet_bytes);
    *pcm_samples = packet_bytes / bytes_per_sample;
    return CORDON_STATUS_OK;
}

static cordon_status hostile_reset(cordon_codec_instance *instance)
{
    return instance == NULL ? CORDON_STATUS_INVALID_ARGUMENT : CORDON_STATUS_OK;
}

static void hostile_destroy(cordon_codec_instance *instance) { free(instance); }

static const cordon_codec_interface codec = {
    .struct_size = sizeof(cordon_codec_interface),
    .format_struct_size = sizeof(cordon_codec_format),
    .formats = formats,
    .format_count = 1u,
    .create = hostile_create,
    .encode = hostile_encode,
    .decode = hostile_decode,
    .conceal = NULL,
    .reset = hostile_reset,
    .destroy = hostile_destroy,
};

static cordon_status hostile_init(const cordon_host_services *host)
{
    (void)host;
    return CORDON_STATUS_OK;
}

static void hostile_deinit(void) {}

static const void *hostile_get_interface(const char *interface_id)
{
    return strcmp(interface_id, CORDON_CODEC_INTERFACE_ID) == 0 ? &codec : NULL;
}

static const cordon_plugin_descriptor descriptor = {
    .abi_major = CORDON_ABI_MAJOR,
    .abi_minor = CORDON_ABI_MINOR,
    .struct_size = sizeof(cordon_plugin_descriptor),
    .kind = CORDON_PLUGIN_KIND_CODEC,
    .id = HOSTILE_ID,
    .name = HOSTILE_NAME,
    .vendor = HOSTILE_VENDOR,
    .version = "1.0.0",
    .init = hostile_init,
    .deinit = hostile_deinit,
    .get_interface = hostile_get_interface,
};

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void) { return &descriptor; }
