// The tests' bundle: tests/data/bundle/, a copy of the demo content that tests and goldens use
// instead of content/ (the shipped default), so editing the demo breaks only the tests about it.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace kiosk::test {

// tests/data/bundle in the source tree (document.json, notices.json, hotlines.json; unsigned).
std::filesystem::path fixture_bundle_dir();

// The fixture's files, name -> bytes: the shape of content::embedded_bundle_files(), to feed
// content::load_bundle(files) or to write a bundle elsewhere. Read once per process.
const std::map<std::string, std::string>& fixture_bundle_files();

}  // namespace kiosk::test
