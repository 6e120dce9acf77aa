// Program and command-template sides: a child process in its own scratch directory and process
// group, watched until it exits, times out or is cancelled; its output image read back.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <thread>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "compare/Orientation.h"
#include "core/Error.h"
#include "io/Npy.h"
#include "io/RawFloat.h"
#include "io/Smv.h"
#include "report/SetupJson.h"
#include "run/SideRunner.h"
#include "setup/SetupOf.h"

extern char** environ;

namespace bragg::run {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

constexpr std::uintmax_t kOutputBytes = 256 * 1024;
constexpr std::uintmax_t kTraceBytes = 64 * 1024 * 1024;  // a pixel's trace; beyond this it is garbage

enum class End { First, Last };

// The first or last `bytes` of a file (all of it if shorter).
std::string slice(const fs::path& file, std::uintmax_t bytes, End end) {
    std::ifstream in(file, std::ios::binary);
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(file, ec);
    if (!in || ec) return {};
    const std::uintmax_t count = std::min(bytes, size);
    in.seekg(std::streamoff(end == End::Last ? size - count : 0));
    std::string text(count, '\0');
    in.read(text.data(), std::streamsize(text.size()));
    text.resize(std::size_t(in.gcount()));
    return text;
}

std::string lastLines(const fs::path& file, int count) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::string tail;
    for (std::size_t i = lines.size() > std::size_t(count) ? lines.size() - count : 0; i < lines.size(); ++i)
        tail += "\n    " + lines[i];
    return tail;
}

// An absolute path: the program runs in a scratch directory. A bare name is looked up in PATH.
// `option` names the flag in errors (--reference-bin, --candidate-bin).
std::string resolveProgram(const std::string& program, const std::string& option) {
    fs::path found;
    if (program.find('/') != std::string::npos) {
        found = fs::absolute(program).lexically_normal();
    } else if (const char* path = std::getenv("PATH")) {
        std::string dirs = path;
        for (std::size_t start = 0; start <= dirs.size();) {
            const std::size_t end = std::min(dirs.find(':', start), dirs.size());
            const fs::path candidate = fs::path(dirs.substr(start, end - start)) / program;
            if (access(candidate.c_str(), X_OK) == 0) {
                found = fs::absolute(candidate);
                break;
            }
            start = end + 1;
        }
    }
    if (found.empty() || access(found.c_str(), X_OK) != 0 || fs::is_directory(found))
        throw usageError(option + ": '" + program + "' is not an executable file");
    return found.string();
}

// How a program hands its image back: the placeholder its command names.
enum class OutputKind { RawFloat, Smv, Npy };
struct OutputPlaceholder {
    const char* text;
    OutputKind kind;
    const char* fileName;
};
constexpr OutputPlaceholder kOutputs[] = {{"{floatfile}", OutputKind::RawFloat, "image.f32"},
                                          {"{smvfile}", OutputKind::Smv, "image.img"},
                                          {"{npyfile}", OutputKind::Npy, "image.npy"}};

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

// Words of a command template: whitespace-separated, '…' and "…" group (no other shell syntax).
std::vector<std::string> splitCommand(const std::string& text, const std::string& option) {
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    char quote = 0;
    for (char c : text) {
        if (quote) {
            if (c == quote)
                quote = 0;
            else
                word += c;
        } else if (c == '\'' || c == '"') {
            quote = c, inWord = true;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            if (inWord) words.push_back(word), word.clear(), inWord = false;
        } else {
            word += c, inWord = true;
        }
    }
    if (quote) throw usageError(option + ": unterminated quote in '" + text + "'");
    if (inWord) words.push_back(word);
    if (words.empty()) throw usageError(option + ": empty command");
    return words;
}

// A program side: a command template run in a fresh scratch directory (see makeCommandRunner).
class ProgramRunner final : public SideRunner {
public:
    ProgramRunner(std::vector<std::string> words, const std::string& kind, const std::string& name,
                  const SideSpec& side)
        : words_(std::move(words)),
          kind_(kind),
          name_(name),
          threads_(side.threads),
          keepScratch_(side.keepScratch),
          timeoutSeconds_(side.timeoutSeconds),
          environment_(side.environment) {
        for (const std::string& e : environment_)
            if (e.find('=') == std::string::npos || e.front() == '=')
                throw usageError(side.option.substr(0, side.option.rfind('-')) +
                                 "-env: expected NAME=VALUE, got '" + e + "'");
        words_[0] = resolveProgram(words_[0], side.option);
        program_ = words_[0];
        if (kind_ == "program") name_ = program_;
        int outputs = 0;
        for (const OutputPlaceholder& o : kOutputs)
            for (const std::string& w : words_)
                if (w.find(o.text) != std::string::npos) output_ = &o, ++outputs;
        if (outputs != 1)
            throw usageError(side.option +
                             ": the command must name its output exactly once, as {floatfile} (raw "
                             "float32), {smvfile} (SMV) or {npyfile} (.npy)");
        for (const std::string& w : words_) setupFile_ |= w.find("{setupfile}") != std::string::npos;
        if (std::count(words_.begin(), words_.end(), "{flags}") != 1)
            throw usageError(side.option + ": the command must contain {flags} once, as a word of its own");
    }

    report::SideInfo info() const override { return {kind_, name_, {}, {}}; }

    SideRun run(const SideRequest& request, RenderControl* control) override {
        const std::vector<std::string>& flags = request.flags;
        const int fpixels = request.fpixels(), spixels = request.spixels();
        std::string pattern = (fs::temp_directory_path() / "bragg-run-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw inputError("cannot create a scratch directory in " + fs::temp_directory_path().string());
        const fs::path scratch = pattern;
        struct Cleanup {
            fs::path dir;
            bool keep;
            ~Cleanup() {
                std::error_code ignored;
                if (!keep) fs::remove_all(dir, ignored);
            }
        } cleanup{scratch, keepScratch_};

        const fs::path image = scratch / output_->fileName, log = scratch / "log.txt",
                       setupFile = scratch / "setup.json", traceFile = scratch / "trace.jsonl";
        const auto& trace = request.tracePixel;
        std::vector<std::string> argv;
        for (const std::string& word : words_) {
            if (word == "{flags}") {
                argv.insert(argv.end(), flags.begin(), flags.end());
                continue;
            }
            std::string w = word;
            replaceAll(w, output_->text, image.string());
            replaceAll(w, "{workdir}", scratch.string());
            replaceAll(w, "{setupfile}", setupFile.string());
            replaceAll(w, "{tracefile}", trace ? traceFile.string() : "/dev/null");
            replaceAll(w, "{tracefast}", std::to_string(trace ? (*trace)[0] : -1));
            replaceAll(w, "{traceslow}", std::to_string(trace ? (*trace)[1] : -1));
            replaceAll(w, "{fpixels}", std::to_string(fpixels));
            replaceAll(w, "{spixels}", std::to_string(spixels));
            argv.push_back(w);
        }

        const auto start = Clock::now();
        const int status = spawnAndWait(argv, scratch, log, control);
        SideRun r;
        r.seconds = secondsSince(start);
        if (status == kCancelled) throw Error(ErrorKind::Cancelled, program_ + " was cancelled");
        if (status == kTimedOut)
            throw RunnerFailure(
                program_ + " did not finish within " + secondsText(timeoutSeconds_) +
                " s (--timeout) and was killed with its process group; its last output:" + lastLines(log, 8));
        if (status > 128)
            throw RunnerFailure(program_ + " was killed by signal " + std::to_string(status - 128) + " (" +
                                strsignal(status - 128) + "); its last output:" + lastLines(log, 8));
        if (status != 0)
            throw RunnerFailure(program_ + " exited with status " + std::to_string(status) +
                                "; its last output:" + lastLines(log, 8));
        std::error_code ec;
        const auto bytes = fs::file_size(image, ec);
        if (ec)
            throw RunnerFailure(program_ + " wrote no " + kindText() +
                                " image; its last output:" + lastLines(log, 8));
        r.image = readOutput(image, bytes, fpixels, spixels);
        r.output = slice(log, kOutputBytes, End::Last);
        r.setup = readSetup(setupFile, log);
        if (trace) r.trace = slice(traceFile, kTraceBytes, End::First);
        if ((r.image.fpixels != fpixels || r.image.spixels != spixels) &&
            !swappedSize(r.image, fpixels, spixels))  // a transposed .npy: compare names it
            throw RunnerFailure(program_ + " wrote a " + std::to_string(r.image.fpixels) + "x" +
                                std::to_string(r.image.spixels) + " image, expected " +
                                std::to_string(fpixels) + "x" + std::to_string(spixels));
        return r;
    }

private:
    static constexpr int kTimedOut = -1, kCancelled = -2;

    const char* kindText() const {
        return output_->kind == OutputKind::RawFloat ? "float"
               : output_->kind == OutputKind::Smv    ? "SMV"
                                                     : ".npy";
    }

    // Any malformed output is the program's failure (exit 2), never a crash of ours.
    Image readOutput(const fs::path& path, std::uintmax_t bytes, int fpixels, int spixels) const {
        try {
            switch (output_->kind) {
                case OutputKind::RawFloat:
                    if (bytes != 4ull * std::uintmax_t(fpixels) * std::uintmax_t(spixels))
                        throw RunnerFailure(
                            program_ + " wrote " + std::to_string(bytes) +
                            " bytes of float image, expected " + std::to_string(fpixels) + "x" +
                            std::to_string(spixels) + " pixels (" +
                            std::to_string(4ull * std::uintmax_t(fpixels) * std::uintmax_t(spixels)) +
                            " bytes)");
                    return io::readFloatImage(path.string(), fpixels, spixels);
                case OutputKind::Smv: {
                    const io::SmvFile smv = io::readSmv(path.string(), true);
                    Image image(smv.width, smv.height);
                    for (std::size_t i = 0; i < image.size(); ++i) image.pixels[i] = float(smv.pixels[i]);
                    return image;
                }
                case OutputKind::Npy: {
                    io::NpyImage npy = io::readNpyImage(path.string());
                    for (const std::string& note : npy.notes)
                        std::fprintf(stderr, "bragg: note: %s\n", note.c_str());
                    return std::move(npy.image);
                }
            }
        } catch (const Error& e) {
            throw RunnerFailure(program_ + " wrote an unreadable image: " + e.what());
        }
        return {};
    }

    // What the side says its set-up is: the {setupfile} it wrote, else nanoBragg's printout (the
    // start of its output) if it prints one.
    setup::Setup readSetup(const fs::path& setupFile, const fs::path& log) const {
        if (!setupFile_) return setup::parsePrintout(slice(log, kOutputBytes, End::First));
        std::error_code ec;
        if (!fs::exists(setupFile, ec)) return {};
        try {
            return report::readSetupFile(setupFile.string());
        } catch (const Error& e) {
            throw RunnerFailure(program_ + " wrote an unreadable set-up file: " + e.what());
        }
    }

    static std::string secondsText(double s) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%g", s);
        return buffer;
    }

    // Exit status of the child (128 + signal if killed; 127 if it could not be started; kTimedOut
    // after the timeout and kCancelled once control->cancelled is seen, when its whole process
    // group has been killed: no orphan keeps running).
    int spawnAndWait(const std::vector<std::string>& args, const fs::path& dir, const fs::path& log,
                     const RenderControl* control) const {
        std::vector<char*> argv;
        argv.reserve(args.size() + 1);
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        // The environment is built before fork: the child of a threaded process may not allocate.
        std::vector<std::string> settings = environment_;
        if (threads_ > 0) settings.insert(settings.begin(), "OMP_NUM_THREADS=" + std::to_string(threads_));
        const auto overridden = [&](const char* entry) {
            return std::any_of(settings.begin(), settings.end(), [&](const std::string& s) {
                const std::size_t name = s.find('=') + 1;
                return std::strncmp(entry, s.c_str(), name) == 0;
            });
        };
        std::vector<std::string> environment;
        for (char** e = environ; *e; ++e)
            if (!overridden(*e)) environment.emplace_back(*e);
        environment.insert(environment.end(), settings.begin(), settings.end());
        std::vector<char*> envp;
        envp.reserve(environment.size() + 1);
        for (std::string& e : environment) envp.push_back(e.data());
        envp.push_back(nullptr);
        const pid_t pid = fork();
        if (pid < 0)
            throw RunnerFailure(std::string("cannot start ") + program_ + ": " + std::strerror(errno));
        if (pid == 0) {
            // Child: only async-signal-safe calls until exec. Its own process group, so that a
            // timeout kills whatever it started too.
            setpgid(0, 0);
            const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd >= 0) {
                dup2(fd, STDOUT_FILENO);
                dup2(fd, STDERR_FILENO);
            }
            if (chdir(dir.c_str()) != 0) _exit(127);
            execve(argv[0], argv.data(), envp.data());
            _exit(127);
        }
        setpgid(pid, pid);  // also here: whichever runs first, the group exists before any kill
        const auto deadline = Clock::now() + std::chrono::duration<double>(timeoutSeconds_);
        int status = 0;
        for (;;) {
            const pid_t done = waitpid(pid, &status, WNOHANG);
            if (done == pid) break;
            if (done < 0 && errno != EINTR)
                throw RunnerFailure(std::string("waiting for ") + program_ + ": " + std::strerror(errno));
            const bool cancelled = control && control->cancelled.load();
            if (cancelled || Clock::now() >= deadline) {
                kill(-pid, SIGKILL);
                while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
                }
                return cancelled ? kCancelled : kTimedOut;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (WIFEXITED(status)) return WEXITSTATUS(status);
        return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }

    std::vector<std::string> words_;
    std::string kind_, name_, program_;
    const OutputPlaceholder* output_ = nullptr;
    bool setupFile_ = false;  // the command names {setupfile}
    int threads_;
    bool keepScratch_;
    double timeoutSeconds_;
    std::vector<std::string> environment_;
};

}  // namespace

std::unique_ptr<SideRunner> makeProgramRunner(const SideSpec& side) {
    if (side.path.empty()) throw usageError(side.option + ": no program given");
    // Output flags first: after the user's flags they would be values of a trailing
    // -misset_seed N, which nanoBragg then also reads as -misset N 0 0 (docs/flags.md §1).
    std::vector<std::string> words{side.path, "-floatfile", "{floatfile}", "-nonoise", "-nopgm", "{flags}"};
    return std::make_unique<ProgramRunner>(words, "program", side.path, side);
}

std::unique_ptr<SideRunner> makeCommandRunner(const SideSpec& side) {
    return std::make_unique<ProgramRunner>(splitCommand(side.command, side.option), "command", side.command,
                                           side);
}

}  // namespace bragg::run
