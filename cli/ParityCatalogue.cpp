#include "ParityCatalogue.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/Error.h"
#include "params/PhysicsMode.h"
#include "report/CompareJson.h"
#include "report/CompareSummary.h"

namespace bragg::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

std::vector<std::string> splitWords(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

// A flag list: an array of strings or one string of whitespace-separated words.
std::vector<std::string> flagList(const json& j, const std::string& where) {
    if (j.is_string()) return splitWords(j.get<std::string>());
    if (!j.is_array()) throw inputError(where + ": flags must be a string or an array of strings");
    std::vector<std::string> flags;
    for (const json& item : j) {
        if (!item.is_string()) throw inputError(where + ": flags must be strings");
        flags.push_back(item.get<std::string>());
    }
    return flags;
}

void checkKeys(const json& j, const std::set<std::string>& allowed, const std::string& where) {
    if (!j.is_object()) throw inputError(where + ": expected an object");
    for (const auto& item : j.items())
        if (!allowed.count(item.key())) throw inputError(where + ": unknown key '" + item.key() + "'");
}

std::string readText(const fs::path& path, const std::string& where) {
    std::ifstream in(path);
    if (!in) throw inputError(where + ": cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Thresholds thresholds(const json& j, const Thresholds& base, const std::string& where) {
    try {
        return report::thresholdsFromJson(j, base);
    } catch (const Error& e) {
        throw inputError(where + ": " + e.what());
    }
}

// A side named in the catalogue: {"engine": NAME, "physics": MODE}, {"bin": PATH} or {"cmd":
// TEMPLATE}, with "env" (["NAME=VALUE", ...]), "threads" and "timeout" for programs; a relative
// program path resolves from the catalogue's folder.
run::SideSpec sideSpec(const json& j, const fs::path& root, const std::string& where) {
    checkKeys(j, {"engine", "physics", "bin", "cmd", "env", "threads", "timeout"}, where);
    if (int(j.contains("engine")) + int(j.contains("bin")) + int(j.contains("cmd")) != 1)
        throw inputError(where + ": give exactly one of 'engine', 'bin' and 'cmd'");
    run::SideSpec s;
    s.option = where;
    if (j.contains("engine")) {
        s = run::SideSpec::engineSide(j["engine"].get<std::string>());
        s.option = where;
        if (j.contains("physics")) {
            try {
                s.fixes = parsePhysicsMode(j["physics"].get<std::string>(), where + ": physics");
            } catch (const Error& e) {
                throw inputError(e.what());
            }
        }
        return s;
    }
    if (j.contains("physics")) throw inputError(where + ": 'physics' is for engine sides");
    if (j.contains("bin")) {
        const fs::path bin = j["bin"].get<std::string>();
        s.kind = run::SideKind::Program;
        s.path = bin.is_relative() && bin.has_parent_path() ? (root / bin).lexically_normal().string()
                                                            : bin.string();
    } else {
        s.kind = run::SideKind::Command;
        s.command = j["cmd"].get<std::string>();
    }
    if (j.contains("env")) s.environment = j["env"].get<std::vector<std::string>>();
    s.threads = j.value("threads", 0);
    s.timeoutSeconds = j.value("timeout", s.timeoutSeconds);
    return s;
}

ParityCase parseCase(const json& j, const ParityCatalogue& catalogue, const fs::path& root,
                     std::size_t index) {
    std::string where = catalogue.path + ": case " + std::to_string(index + 1);
    checkKeys(j,
              {"id", "covers", "dir", "flags", "args_file", "extra_flags", "golden", "thresholds",
               "equivalent", "reference", "candidate"},
              where);
    ParityCase c;
    if (!j.contains("id") || !j["id"].is_string() || j["id"].get<std::string>().empty())
        throw inputError(where + ": needs a non-empty string 'id'");
    c.id = j["id"].get<std::string>();
    where = catalogue.path + ": case '" + c.id + "'";
    c.covers = j.value("covers", "");
    if (j.contains("reference")) c.reference = sideSpec(j["reference"], root, where + ": reference");
    if (j.contains("candidate")) c.candidate = sideSpec(j["candidate"], root, where + ": candidate");
    const fs::path dir = j.contains("dir") ? (root / j["dir"].get<std::string>()).lexically_normal() : root;
    if (!fs::is_directory(dir)) throw inputError(where + ": no directory " + dir.string());
    c.dir = dir.string();
    if (j.contains("flags") == j.contains("args_file"))
        throw inputError(where + ": give exactly one of 'flags' and 'args_file'");
    c.flags = j.contains("flags") ? flagList(j["flags"], where)
                                  : splitWords(readText(dir / j["args_file"].get<std::string>(), where));
    if (j.contains("extra_flags")) {
        const std::vector<std::string> extra = flagList(j["extra_flags"], where);
        c.flags.insert(c.flags.end(), extra.begin(), extra.end());
    }
    if (j.contains("golden")) c.golden = (dir / j["golden"].get<std::string>()).lexically_normal().string();
    c.thresholds = catalogue.thresholds;
    if (fs::exists(dir / "meta.json")) {
        const json meta = report::readJsonFile((dir / "meta.json").string());
        if (meta.contains("thresholds"))
            c.thresholds = thresholds(meta["thresholds"], c.thresholds, (dir / "meta.json").string());
    }
    if (j.contains("thresholds")) c.thresholds = thresholds(j["thresholds"], c.thresholds, where);
    if (j.contains("equivalent")) {
        if (!j["equivalent"].is_array()) throw inputError(where + ": 'equivalent' must be an array");
        int n = 0;
        for (const json& e : j["equivalent"]) {
            EquivalentRun run;
            ++n;
            if (e.is_object()) {
                checkKeys(e, {"id", "flags"}, where + " equivalent " + std::to_string(n));
                run.id = e.value("id", "");
                run.flags = flagList(e.at("flags"), where);
            } else {
                run.flags = flagList(e, where);
            }
            if (run.id.empty()) run.id = "equivalent-" + std::to_string(n);
            c.equivalents.push_back(std::move(run));
        }
    }
    return c;
}

ParityCatalogue parseCatalogue(const std::string& path) {
    ParityCatalogue catalogue;
    catalogue.path = path;
    const json j = report::readJsonFile(path);
    checkKeys(j, {"name", "description", "engines", "reference", "candidate", "thresholds", "peaks", "cases"},
              path);
    catalogue.name = j.value("name", fs::path(path).stem().string());
    if (j.contains("engines")) catalogue.engines = j["engines"].get<std::string>();
    const fs::path root = fs::absolute(path).parent_path();
    if (j.contains("reference")) catalogue.reference = sideSpec(j["reference"], root, path + ": reference");
    if (j.contains("candidate")) catalogue.candidate = sideSpec(j["candidate"], root, path + ": candidate");
    if (j.contains("thresholds"))
        catalogue.thresholds = thresholds(j["thresholds"], catalogue.thresholds, path);
    if (j.contains("peaks")) {
        checkKeys(j["peaks"], {"top_n", "percentile"}, path + ": peaks");
        catalogue.peaks.maxPeaks = j["peaks"].value("top_n", catalogue.peaks.maxPeaks);
        catalogue.peaks.percentile = j["peaks"].value("percentile", catalogue.peaks.percentile);
    }
    if (!j.contains("cases") || !j["cases"].is_array() || j["cases"].empty())
        throw inputError(path + ": needs a non-empty array 'cases'");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < j["cases"].size(); ++i) {
        ParityCase c = parseCase(j["cases"][i], catalogue, root, i);
        if (!ids.insert(c.id).second) throw inputError(path + ": duplicate case id '" + c.id + "'");
        catalogue.cases.push_back(std::move(c));
    }
    return catalogue;
}

}  // namespace

ParityCatalogue loadCatalogue(const std::string& path) {
    try {
        return parseCatalogue(path);
    } catch (const json::exception& e) {
        throw inputError(path + ": " + e.what());
    }
}

}  // namespace bragg::cli
