#pragma once
// An external nanoBragg-compatible executable as an image source: it is run (QProcess, on the
// worker thread) with the experiment's flags plus -floatfile into a temporary directory, and its
// raw float output is read back. Cancelling kills the process.
#include <memory>
#include <string>

namespace bragg::ui {

class ImageSource;

std::unique_ptr<ImageSource> makeExternalProgramSource(const std::string& executable);

}  // namespace bragg::ui
