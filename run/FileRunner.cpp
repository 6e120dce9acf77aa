#include <chrono>

#include "compare/Orientation.h"
#include "core/Error.h"
#include "run/ImageFile.h"
#include "run/SideRunner.h"

namespace bragg::run {
namespace {

class FileRunner final : public SideRunner {
public:
    explicit FileRunner(const SideSpec& spec) : path_(spec.path) {
        if (path_.empty()) throw usageError(spec.option + ": no image file given");
    }
    report::SideInfo info() const override { return {"file", path_, {}, {}}; }
    SideRun run(const SideRequest& request, RenderControl* control) override {
        if (control && control->cancelled) throw Error(ErrorKind::Cancelled, "cancelled");
        SideRun r;
        const auto start = std::chrono::steady_clock::now();
        r.image = readImageFile(path_, ImageSize{request.fpixels(), request.spixels()});
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if ((r.image.fpixels != request.fpixels() || r.image.spixels != request.spixels()) &&
            !swappedSize(r.image, request.fpixels(), request.spixels()))  // compare names a transpose
            throw SizeMismatch(path_ + " is a " + std::to_string(r.image.fpixels) + "x" +
                               std::to_string(r.image.spixels) + " image, the flags make " +
                               std::to_string(request.fpixels()) + "x" + std::to_string(request.spixels()));
        return r;
    }

private:
    std::string path_;
};

}  // namespace

std::unique_ptr<SideRunner> makeFileRunner(const SideSpec& spec) {
    return std::make_unique<FileRunner>(spec);
}

}  // namespace bragg::run
