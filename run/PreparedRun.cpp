#include "run/PreparedRun.h"

#include <cstring>
#include <ctime>
#include <filesystem>

#include "params/Derive.h"
#include "params/FlagParser.h"

namespace bragg::run {
namespace {

namespace fs = std::filesystem;

bool isOutputFile(const FlagSpec& s) {
    return std::strcmp(s.values, "file") == 0 && std::strcmp(s.group, "Output") == 0;
}
bool isInputFile(const FlagSpec& s) {
    return std::strcmp(s.values, "file") == 0 && std::strcmp(s.group, "Output") != 0;
}

}  // namespace

std::vector<std::string> runnableFlags(const std::vector<std::string>& userFlags,
                                       const std::string& baseDir) {
    std::vector<std::string> flags;
    const fs::path base = fs::absolute(baseDir.empty() ? fs::path(".") : fs::path(baseDir));
    std::vector<bool> inputValue(userFlags.size(), false), dropped(userFlags.size(), false);
    for (std::size_t i = 0; i < userFlags.size(); ++i) {
        if (userFlags[i].empty() || userFlags[i][0] != '-') continue;
        const std::string* next = i + 1 < userFlags.size() ? &userFlags[i + 1] : nullptr;
        for (const FlagSpec* spec : matchingFlags(userFlags[i], next)) {
            if (!next) continue;
            if (isOutputFile(*spec)) dropped[i] = dropped[i + 1] = true;
            if (isInputFile(*spec)) inputValue[i + 1] = true;
        }
    }
    for (std::size_t i = 0; i < userFlags.size(); ++i) {
        if (dropped[i]) continue;
        const fs::path value = userFlags[i];
        flags.push_back(inputValue[i] && value.is_relative() ? (base / value).lexically_normal().string()
                                                             : userFlags[i]);
    }
    return flags;
}

PreparedRun prepareRun(const std::vector<std::string>& userFlags, const std::string& baseDir) {
    PreparedRun run;
    run.flags = runnableFlags(userFlags, baseDir);
    ParsedFlags parsed = parseNanoBraggFlags(run.flags);
    if (parsed.params.missetMode == MissetMode::Random && !parsed.params.missetSeed) {
        // Each side would otherwise seed from its own clock.
        const std::string seed = std::to_string(static_cast<long long>(std::time(nullptr)));
        run.flags.insert(run.flags.end(), {"-misset_seed", seed});
        run.warnings.push_back("-misset random without -misset_seed: both sides use -misset_seed " + seed);
        parsed = parseNanoBraggFlags(run.flags);
    }
    run.warnings.insert(run.warnings.end(), parsed.warnings.begin(), parsed.warnings.end());
    const Experiment e = deriveExperiment(parsed.params);
    run.params = parsed.params;
    run.fpixels = e.detector.fpixels;
    run.spixels = e.detector.spixels;
    run.steps = e.steps;
    return run;
}

}  // namespace bragg::run
