#include "HuntRecord.h"

#include <cstdio>
#include <stdexcept>

namespace bragg::cli {
namespace {

using json = nlohmann::ordered_json;
using Outcome = ConfigurationResult::Outcome;

const char* outcomeName(Outcome o) {
    switch (o) {
        case Outcome::Skipped:
            return "skipped";
        case Outcome::Agree:
            return "agree";
        case Outcome::Failed:
            return "failed";
        case Outcome::Interrupted:
            return "interrupted";
    }
    return "agree";
}

Outcome outcomeNamed(const std::string& name) {
    for (const Outcome o : {Outcome::Skipped, Outcome::Agree, Outcome::Failed, Outcome::Interrupted})
        if (name == outcomeName(o)) return o;
    throw std::invalid_argument("unknown outcome '" + name + "'");
}

}  // namespace

json toJson(const ConfigurationResult& r) {
    return {{"index", r.index},
            {"outcome", outcomeName(r.outcome)},
            {"skip_reason", r.skipReason},
            {"families", r.families},
            {"kind", r.kind},
            {"occurrence", r.occurrence ? toJson(*r.occurrence) : json(nullptr)},
            {"finding", r.finding ? toJson(*r.finding) : json(nullptr)}};
}

ConfigurationResult configurationResultFromJson(const json& j) {
    ConfigurationResult r;
    r.index = j.at("index").get<int>();
    r.outcome = outcomeNamed(j.at("outcome").get<std::string>());
    r.skipReason = j.at("skip_reason").get<std::string>();
    r.families = j.at("families").get<std::vector<std::string>>();
    r.kind = j.at("kind").get<std::string>();
    if (!j.at("occurrence").is_null()) r.occurrence = occurrenceFromJson(j.at("occurrence"));
    if (!j.at("finding").is_null()) r.finding = findingFromJson(j.at("finding"));
    return r;
}

bool HuntFold::add(const ConfigurationResult& r) {
    switch (r.outcome) {
        case Outcome::Interrupted:
            state_.interrupted = r.occurrence;  // failing, not yet shrunk: --resume redoes it
            state_.stopped = "interrupted";
            return false;
        case Outcome::Skipped:
            if (state_.skipped++ == 0) state_.firstSkipReason = r.skipReason;
            break;
        case Outcome::Agree:
        case Outcome::Failed:
            for (const std::string& f : r.families) ++state_.families[f].tried;
            kinds_.push_back(r.kind);
            if (r.outcome == Outcome::Failed) addFinding(r);
            break;
    }
    ++state_.configsDone;
    // A side that fails to run on each of the first three configurations is broken, not buggy:
    // shrinking every configuration would only repeat that.
    if (kinds_.size() != 3 || state_.configsDone != 3) return true;
    for (const std::string& k : kinds_)
        if (k != kinds_.front() || (k != "reference-failed" && k != "candidate-failed")) return true;
    broken_ = true;
    std::fprintf(stderr,
                 "bragg hunt: error: the %s side failed to run on each of the first three "
                 "configurations; stopping (see %s/hunt.md)\n",
                 kinds_.front() == "reference-failed" ? "reference" : "candidate", outdir_.c_str());
    return false;
}

void HuntFold::addFinding(const ConfigurationResult& r) {
    for (const std::string& f : r.families) ++state_.families[f].failed;
    const HuntOccurrence& occurrence = *r.occurrence;
    // The merge key: the kind and the flag names left (HuntFinding::flagNames).
    for (HuntFinding& f : state_.findings) {
        if (f.kind == r.finding->kind && f.flagNames == r.finding->flagNames) {
            f.occurrences.push_back(occurrence);
            say("configuration " + std::to_string(occurrence.index) + " → finding " + std::to_string(f.id) +
                " again");
            return;
        }
    }
    HuntFinding f = *r.finding;
    f.id = int(state_.findings.size()) + 1;
    f.occurrences = {occurrence};
    std::string line;
    for (const std::string& w : f.minimalFlags) line += " " + w;
    say("configuration " + std::to_string(occurrence.index) + " → new finding " + std::to_string(f.id) +
        " (" + std::to_string(f.shrinkTests) + " tests):" + line);
    state_.findings.push_back(std::move(f));
}

void HuntFold::say(const std::string& line) const {
    if (!quiet_) std::fprintf(stderr, "hunt: %s\n", line.c_str());
}

}  // namespace bragg::cli
