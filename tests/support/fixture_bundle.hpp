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

// The fixture's files written into `dir` (made when missing): a working copy or bundle on disk.
void write_fixture_bundle(const std::filesystem::path& dir);

// A name with one character each of CJK Extensions E (U+2B820 𫠠), G (U+30000 𰀀) and H
// (U+31350 𱍐): only BabelStone Han, the last family of the default chain, has them.
inline constexpr const char* kRareName = "示例\U0002B820\U00030000\U00031350居委会";

// The fixture's files with applicant cd-01 (示例一居委会) renamed to kRareName: the bundle of the
// rare-name goldens and of kioskctl validate's font check.
std::map<std::string, std::string> rare_name_bundle_files();

}  // namespace kiosk::test
