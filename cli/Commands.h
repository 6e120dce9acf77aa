#pragma once
// The verbs of `bragg`. Each takes the arguments after the verb and returns the exit status.
#include <string>
#include <vector>

namespace bragg::cli {

// The whole command line after the program name: dispatches to a verb (or --help, --version,
// --help-man) and returns the exit status. `bragg`'s main is this call.
int run(std::vector<std::string> args);

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
