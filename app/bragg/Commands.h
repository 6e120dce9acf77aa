#pragma once
// The verbs of `bragg`. Each takes the arguments after the verb and returns the exit status.
#include <string>
#include <vector>

namespace bragg::cli {

int runSimulate(const std::vector<std::string>& args);
int runCompare(const std::vector<std::string>& args);
int runBisect(const std::vector<std::string>& args);
int runParity(const std::vector<std::string>& args);
int runBench(const std::vector<std::string>& args);
int runTrace(const std::vector<std::string>& args);
int runHunt(const std::vector<std::string>& args);
int runSeries(const std::vector<std::string>& args);
int runMerge(const std::vector<std::string>& args);

// The --physics fixes, one indented line each (help texts).
std::string physicsFixesHelp();

}  // namespace bragg::cli
