#include "report/EnvInfo.h"

#include <omp.h>
#include <sys/utsname.h>

#include <fstream>
#include <string>
#include <thread>

#include "BuildInfo.h"

#ifndef BRAGG_CXX_FLAGS
#define BRAGG_CXX_FLAGS ""
#endif

namespace bragg::report {
namespace {

using json = nlohmann::ordered_json;

std::string cpuModel() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) {
            const std::size_t colon = line.find(':');
            return colon == std::string::npos ? line : line.substr(line.find_first_not_of(' ', colon + 1));
        }
    return "unknown";
}

// Instruction sets the compiler was allowed to use (-march); the rest is decided at run time.
json compiledIsa() {
    json isa = json::array();
#ifdef __SSE4_2__
    isa.push_back("sse4.2");
#endif
#ifdef __AVX__
    isa.push_back("avx");
#endif
#ifdef __AVX2__
    isa.push_back("avx2");
#endif
#ifdef __FMA__
    isa.push_back("fma");
#endif
#ifdef __AVX512F__
    isa.push_back("avx512f");
#endif
    return isa;
}

json cpuIsa() {
    json isa = json::array();
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("sse4.2")) isa.push_back("sse4.2");
    if (__builtin_cpu_supports("avx")) isa.push_back("avx");
    if (__builtin_cpu_supports("avx2")) isa.push_back("avx2");
    if (__builtin_cpu_supports("fma")) isa.push_back("fma");
    if (__builtin_cpu_supports("avx512f")) isa.push_back("avx512f");
#endif
    return isa;
}

}  // namespace

json environmentJson() {
    utsname system{};
    uname(&system);
    return {{"version", build::version},
            {"git_commit", build::gitCommit},
            {"compiler", build::compiler},
            {"build_type", build::buildType},
            {"cxx_flags", BRAGG_CXX_FLAGS},
            {"cpu", cpuModel()},
            {"isa_compiled", compiledIsa()},
            {"isa_cpu", cpuIsa()},
            {"hardware_threads", std::thread::hardware_concurrency()},
            {"openmp_threads", omp_get_max_threads()},
            {"os", std::string(system.sysname) + " " + system.release + " " + system.machine}};
}

}  // namespace bragg::report
