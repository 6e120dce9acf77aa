#pragma once
// The parity catalogue: a JSON file of comparison cases (see resources/parity/README.md).
// Paths in it are relative to the catalogue file.
#include <optional>
#include <string>
#include <vector>

#include "compare/Comparison.h"
#include "run/Side.h"

namespace bragg::cli {

// Flags that must give the same image as the case's own flags (e.g. -energy vs -lambda).
struct EquivalentRun {
    std::string id;
    std::vector<std::string> flags;
};

struct ParityCase {
    std::string id, covers;
    std::string dir;  // absolute; relative input files in the flags resolve here
    std::vector<std::string> flags;
    std::optional<std::string> golden;  // absolute path of an image the reference side must match
    Thresholds thresholds;              // catalogue defaults < dir/meta.json "thresholds" < case
    std::vector<EquivalentRun> equivalents;
    std::optional<run::SideSpec> reference, candidate;  // this case's own sides, if it names them
};

struct ParityCatalogue {
    std::string path, name;
    std::optional<std::string> engines;                 // "REF,CAND" default for this catalogue
    std::optional<run::SideSpec> reference, candidate;  // the run's sides unless the command line names them
    Thresholds thresholds;
    PeakOptions peaks;
    std::vector<ParityCase> cases;
};

// Throws Error(Input) naming the file and the offending case for unreadable or malformed
// catalogues (unknown keys included, so typos do not silently drop a check).
ParityCatalogue loadCatalogue(const std::string& path);

}  // namespace bragg::cli
