#include "setup/SetupOf.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "core/Angles.h"

namespace bragg::setup {
namespace {

std::vector<double> components(const Vec3& v, double scale = 1) {
    return {scale * v.x(), scale * v.y(), scale * v.z()};
}

double angleDeg(const Vec3& u, const Vec3& v) {
    return std::acos(u.dot(v) / (u.norm() * v.norm())) * 180 / M_PI;
}

}  // namespace

Setup setupOf(const Experiment& e) {
    const DetectorModel& d = e.detector;
    const BeamModel& b = e.beam;
    const CrystalModel& x = e.crystal;
    const Params& p = e.params;
    constexpr double kAngstrom = 1e10, kMicron = 1e6, kDeg = 180 / M_PI;
    Setup s;
    s.source = "engine";
    s.setText("convention", toString(d.convention));
    s.setText("pivot", toString(d.pivot));
    s.setNumbers("detector_pixels", {double(d.fpixels), double(d.spixels)});
    s.setNumbers("mosaic_domains", {double(x.domains())});
    s.setNumbers("mosaic_spread_deg", {x.mosaicSpread * kDeg});
    s.setNumbers("phi_steps", {double(x.phiSteps())});
    s.setNumbers("phi0_deg", {x.phi0Rad * kDeg});
    s.setNumbers("osc_deg", {x.oscRad * kDeg});
    s.setNumbers("sources", {double(b.sources.size())});
    std::vector<double> wavelengths, directions;
    for (const Source& source : b.sources) {
        wavelengths.push_back(source.lambda);
        const std::vector<double> u = components(source.incident.normalized());
        directions.insert(directions.end(), u.begin(), u.end());
    }
    s.setNumbers("source_wavelengths_m", wavelengths);
    s.setNumbers("source_directions", directions);
    s.setNumbers("oversample", {double(d.oversample)});
    s.setNumbers("thickness_layers", {double(d.thickLayers)});
    s.setNumbers("cells", {double(x.Na), double(x.Nb), double(x.Nc)});
    s.setText("crystal_shape", toString(x.shape));
    s.setNumbers("crystal_size_um",
                 {x.Na * x.a0.norm() * kMicron, x.Nb * x.b0.norm() * kMicron, x.Nc * x.c0.norm() * kMicron});
    s.setText("interpolation", e.interpolationSelected ? "on" : "off");
    s.setText("curved_detector", d.curved ? "yes" : "no");
    s.setNumbers("distance_m", {d.distance});
    s.setNumbers("pixel_size_m", {d.pixelSize});
    s.setNumbers("detector_size_m", {d.detsizeF, d.detsizeS});
    s.setNumbers("beam_centre_m", {d.xbeam, d.ybeam});
    s.setNumbers("fbeam_sbeam_m", {d.fbeam, d.sbeam});
    s.setNumbers("close_point_m", {d.xclose, d.yclose});
    s.setNumbers("fclose_sclose_m", {d.fclose, d.sclose});
    s.setNumbers("fdet", components(d.fdet));
    s.setNumbers("sdet", components(d.sdet));
    s.setNumbers("odet", components(d.odet));
    s.setNumbers("dials_origin_mm", components(d.dialsOriginMm));
    s.setNumbers("beam_direction", components(b.beamDir));
    s.setNumbers("spindle_axis", components(b.spindleAxis));
    s.setNumbers("polarization_normal", components(b.beamDir.cross(b.polarAxis)));
    const Vec3 a = x.a0 * kAngstrom, bv = x.b0 * kAngstrom, c = x.c0 * kAngstrom;
    // The reciprocal vectors nanoBragg regenerates from the real ones with the input cell's volume:
    // for a -cell whose angles do not close they are not exactly (b × c)/V. (Its "Recp Cell" line
    // is the input cell's, before that, so it is not part of the set-up.)
    const Vec3 &aStar = x.aStar, &bStar = x.bStar, &cStar = x.cStar;
    s.setNumbers("cell_A_deg",
                 {a.norm(), bv.norm(), c.norm(), angleDeg(bv, c), angleDeg(a, c), angleDeg(a, bv)});
    s.setNumbers("a_A", components(a));
    s.setNumbers("b_A", components(bv));
    s.setNumbers("c_A", components(c));
    s.setNumbers("a_star_per_A", components(aStar));
    s.setNumbers("b_star_per_A", components(bStar));
    s.setNumbers("c_star_per_A", components(cStar));
    s.setNumbers("fluence_per_m2", {b.fluence});
    s.setNumbers("kahn_factor", {b.kahn});
    s.setNumbers("sensor_thickness_m", {d.thickness});
    if (d.thickness > 0) s.setNumbers("sensor_mu_per_m", {d.mu});
    // nanoBragg prints the -roi values as given (exclusive-looking "0 < x < fpixels" by default).
    const auto roi = [&](int i, int fallback) { return double(p.roi[i] < 0 ? fallback : p.roi[i]); };
    s.setNumbers("roi_pixels", {roi(0, 0), roi(1, d.fpixels), roi(2, 0), roi(3, d.spixels)});
    return s;
}

namespace {

bool startsWith(const std::string& line, const char* prefix) { return line.rfind(prefix, 0) == 0; }

// The numbers after `prefix` up to the end of the line (stops at the first non-number).
std::vector<double> numbersAfter(const std::string& line, std::size_t from, int count) {
    std::istringstream in(line.substr(from));
    std::vector<double> values;
    double v;
    while (int(values.size()) < count && in >> v) values.push_back(v);
    return values;
}

struct Printout {
    Setup setup;
    bool summarySeen = false;
    std::vector<std::string> lines;
    std::size_t next = 0;

    void vectors(const char* names[3], double scale = 1) {
        // "     a   b   c" header, then rows X:, Y:, Z: of the three column vectors.
        std::vector<double> rows[3];
        for (int r = 0; r < 3 && next + 2 + r < lines.size(); ++r)
            rows[r] = numbersAfter(lines[next + 2 + r], lines[next + 2 + r].find(':') + 1, 3);
        for (const auto& row : rows)
            if (row.size() != 3) return;
        for (int col = 0; col < 3; ++col)
            setup.setNumbers(names[col], {scale * rows[0][col], scale * rows[1][col], scale * rows[2][col]});
        next += 4;
    }

    void sources(int count) {
        std::vector<double> wavelengths, directions;
        for (int i = 0; i < count && next + 1 < lines.size(); ++i) {
            const std::vector<double> v = numbersAfter(lines[next + 1], 0, 5);
            if (v.size() != 5) break;
            ++next;
            const Vec3 incident = -Vec3(v[0], v[1], v[2]).normalized();  // printed: the source's position
            directions.insert(directions.end(), {incident.x(), incident.y(), incident.z()});
            wavelengths.push_back(v[4]);
        }
        setup.setNumbers("source_wavelengths_m", wavelengths);
        setup.setNumbers("source_directions", directions);
    }

    void parse(std::string line) {
        line.erase(0, line.find_first_not_of(' '));
        char word[64] = {};
        double a, b, c, e, f, g;
        int i, j, k, l;
        if (std::sscanf(line.c_str(), "%63s convention selected.", word) == 1 &&
            line.find("convention selected.") != std::string::npos)
            setup.setText("convention", word);
        else if (line == "pivoting detector around direct beam spot")
            setup.setText("pivot", "beam");
        else if (line == "pivoting detector around sample")
            setup.setText("pivot", "sample");
        else if (startsWith(line, "auto-selected") && line.find("interpolation") != std::string::npos)
            setup.setText("interpolation", line.find("no interpolation") != std::string::npos ? "off" : "on");
        else if (std::sscanf(line.c_str(), "Unit Cell: %lf %lf %lf %lf %lf %lf", &a, &b, &c, &e, &f, &g) == 6)
            setup.setNumbers("cell_A_deg", {a, b, c, e, f, g});
        else if (startsWith(line, "real-space cell vectors")) {
            const char* names[3] = {"a_A", "b_A", "c_A"};
            vectors(names);
        } else if (startsWith(line, "reciprocal-space cell vectors")) {
            const char* names[3] = {"a_star_per_A", "b_star_per_A", "c_star_per_A"};
            vectors(names);
        } else if (std::sscanf(line.c_str(), "crystal is %lf x %lf x %lf microns", &a, &b, &c) == 3)
            setup.setNumbers("crystal_size_um", {a, b, c});
        else if (std::sscanf(line.c_str(), "created a total of %d sources:", &i) == 1 &&
                 line.find("sources") != std::string::npos) {
            setup.setNumbers("sources", {double(i)});
            sources(i);
        } else if (std::sscanf(line.c_str(), "created a total of %d mosaic domains", &i) == 1)
            setup.setNumbers("mosaic_domains", {double(i)});
        else if (std::sscanf(line.c_str(), "%63s xtal: %dx%dx%d cells", word, &i, &j, &k) == 4) {
            const std::string shape = word;
            setup.setText("crystal_shape", shape == "parallelpiped" ? "square"
                                           : shape == "ellipsoidal" ? "round"
                                           : shape == "gaussian"    ? "gauss"
                                           : shape == "tophat-spot" ? "tophat"
                                                                    : shape);
            setup.setNumbers("cells", {double(i), double(j), double(k)});
        } else if (std::sscanf(line.c_str(), "Kahn polarization factor: %lf", &a) == 1)
            setup.setNumbers("kahn_factor", {a});
        else if (startsWith(line, "curved detector:"))
            setup.setText("curved_detector", "yes");
        else if (std::sscanf(line.c_str(), "incident fluence: %lf", &a) == 1)
            setup.setNumbers("fluence_per_m2", {a});
        else if (std::sscanf(line.c_str(), "distance=%lf detsize=%lfx%lf pixel=%lf meters (%dx%d pixels)", &a,
                             &b, &c, &e, &i, &j) == 6) {
            setup.setNumbers("distance_m", {a});
            setup.setNumbers("detector_size_m", {b, c});
            setup.setNumbers("pixel_size_m", {e});
            setup.setNumbers("detector_pixels", {double(i), double(j)});
        } else if (std::sscanf(line.c_str(), "sensor is %lf m thick in %d layers with mu= %lf", &a, &i, &b) ==
                   3) {
            setup.setNumbers("sensor_thickness_m", {a});
            setup.setNumbers("thickness_layers", {double(i)});
            if (a > 0) setup.setNumbers("sensor_mu_per_m", {b});
        } else if (std::sscanf(line.c_str(), "Xbeam=%lf Ybeam=%lf", &a, &b) == 2)
            setup.setNumbers("beam_centre_m", {a, b});
        else if (std::sscanf(line.c_str(), "Fbeam=%lf Sbeam=%lf", &a, &b) == 2)
            setup.setNumbers("fbeam_sbeam_m", {a, b});
        else if (std::sscanf(line.c_str(), "Xclose=%lf Yclose=%lf", &a, &b) == 2)
            setup.setNumbers("close_point_m", {a, b});
        else if (std::sscanf(line.c_str(), "Fclose=%lf Sclose=%lf", &a, &b) == 2)
            setup.setNumbers("fclose_sclose_m", {a, b});
        else if (std::sscanf(line.c_str(), "DIRECTION_OF_DETECTOR_X-AXIS= %lf %lf %lf", &a, &b, &c) == 3)
            setup.setNumbers("fdet", {a, b, c});
        else if (std::sscanf(line.c_str(), "DIRECTION_OF_DETECTOR_Y-AXIS= %lf %lf %lf", &a, &b, &c) == 3)
            setup.setNumbers("sdet", {a, b, c});
        else if (std::sscanf(line.c_str(), "DIRECTION_OF_DETECTOR_Z-AXIS= %lf %lf %lf", &a, &b, &c) == 3)
            setup.setNumbers("odet", {a, b, c});
        else if (std::sscanf(line.c_str(), "INCIDENT_BEAM_DIRECTION= %lf %lf %lf", &a, &b, &c) == 3)
            setup.setNumbers("beam_direction", {a, b, c});
        else if (std::sscanf(line.c_str(), "spindle ROTATION_AXIS= %lf %lf %lf", &a, &b, &c) == 3)
            setup.setNumbers("spindle_axis", {a, b, c});
        else if (std::sscanf(line.c_str(), "POLARIZATION_PLANE_NORMAL= %lf %lf %lf", &a, &b, &c) == 3)
            setup.setNumbers("polarization_normal", {a, b, c});
        else if (std::sscanf(line.c_str(), "dials origin= %lf %lf %lf", &a, &b, &c) == 3)
            setup.setNumbers("dials_origin_mm", {a, b, c});
        else if (std::sscanf(line.c_str(), "roi: %d < x < %d && %d < y < %d", &i, &j, &k, &l) == 4) {
            setup.setNumbers("roi_pixels", {double(i), double(j), double(k), double(l)});
            summarySeen = true;
        } else if (std::sscanf(line.c_str(), "%d mosaic domains over mosaic spread of %lf degrees", &i, &a) ==
                   2)
            setup.setNumbers("mosaic_spread_deg", {a});
        else if (std::sscanf(line.c_str(), "%d phi steps from %lf to %lf degrees", &i, &a, &b) == 3) {
            setup.setNumbers("phi_steps", {double(i)});
            setup.setNumbers("phi0_deg", {a});
            setup.setNumbers("osc_deg", {b - a});
        } else if (std::sscanf(line.c_str(), "%dx%d pixel oversample steps", &i, &j) == 2)
            setup.setNumbers("oversample", {double(i)});
    }
};

}  // namespace

Setup parsePrintout(const std::string& output) {
    Printout p;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        p.lines.push_back(line);
    }
    for (p.next = 0; p.next < p.lines.size(); ++p.next) p.parse(p.lines[p.next]);
    if (p.summarySeen && !p.setup.find("curved_detector")) p.setup.setText("curved_detector", "no");
    if (!p.setup.empty()) p.setup.source = "printout";
    return p.setup;
}

}  // namespace bragg::setup
