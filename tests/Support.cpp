//===--- Support.cpp - Helpers shared by the test suites ------------------===//

#include "Support.h"
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace firecrash::test {

std::string sourceDir() { return FIRECRASH_SOURCE_DIR; }
std::string modulePath() { return FIRECRASH_MODULE_PATH; }
std::string clangTidyBinary() { return FIRECRASH_CLANG_TIDY; }
std::string clangBinary() { return FIRECRASH_CLANG; }
std::string pluginPath() { return FIRECRASH_PLUGIN_PATH; }

std::string reportSchemaErrors(const std::string &JsonText) {
  std::string Dir = makeTempDir();
  std::string File = Dir + "/report.json";
  writeFile(File, JsonText);
  CommandResult Ran = runCommand(
      {"/usr/bin/python3", sourceDir() + "/tests/integration/validate-json.py",
       sourceDir() + "/docs/report.schema.json", File},
      120);
  std::error_code EC;
  std::filesystem::remove_all(Dir, EC);
  if (Ran.ExitCode == 0)
    return "";
  return Ran.Stdout + Ran.Stderr + (Ran.Stdout.empty() && Ran.Stderr.empty()
                                        ? "the schema validator did not run"
                                        : "");
}
std::string toolPath() { return FIRECRASH_TOOL_PATH; }
std::string includeDir() { return FIRECRASH_SOURCE_DIR "/include"; }

CommandResult runCommand(const std::vector<std::string> &Argv,
                         unsigned TimeoutSeconds) {
  CommandResult Result;
  int OutPipe[2], ErrPipe[2];
  if (pipe(OutPipe) != 0 || pipe(ErrPipe) != 0)
    return Result;
  pid_t Pid = fork();
  if (Pid == 0) {
    setpgid(0, 0);
    dup2(OutPipe[1], 1);
    dup2(ErrPipe[1], 2);
    close(OutPipe[0]);
    close(ErrPipe[0]);
    int Null = open("/dev/null", O_RDONLY);
    if (Null >= 0)
      dup2(Null, 0);
    std::vector<char *> Args;
    for (const std::string &A : Argv)
      Args.push_back(const_cast<char *>(A.c_str()));
    Args.push_back(nullptr);
    execvp(Args[0], Args.data());
    _exit(127);
  }
  close(OutPipe[1]);
  close(ErrPipe[1]);
  auto Deadline = std::chrono::steady_clock::now() +
                  std::chrono::seconds(TimeoutSeconds);
  pollfd Fds[2] = {{OutPipe[0], POLLIN, 0}, {ErrPipe[0], POLLIN, 0}};
  std::string *Sinks[2] = {&Result.Stdout, &Result.Stderr};
  int Open = 2;
  char Buffer[65536];
  while (Open > 0) {
    auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    Deadline - std::chrono::steady_clock::now())
                    .count();
    if (Left <= 0) {
      Result.TimedOut = true;
      kill(-Pid, SIGKILL);
      break;
    }
    int Ready = poll(Fds, 2, static_cast<int>(std::min<long>(Left, 1000)));
    if (Ready < 0 && errno != EINTR)
      break;
    for (int I = 0; I < 2; ++I) {
      if (Fds[I].fd < 0 || !(Fds[I].revents & (POLLIN | POLLHUP)))
        continue;
      ssize_t N = read(Fds[I].fd, Buffer, sizeof(Buffer));
      if (N > 0) {
        Sinks[I]->append(Buffer, static_cast<size_t>(N));
      } else {
        close(Fds[I].fd);
        Fds[I].fd = -1;
        --Open;
      }
    }
  }
  for (pollfd &Fd : Fds)
    if (Fd.fd >= 0)
      close(Fd.fd);
  int Status = 0;
  rusage Usage{};
  wait4(Pid, &Status, 0, &Usage);
  Result.PeakKiB = Usage.ru_maxrss;
  if (WIFEXITED(Status))
    Result.ExitCode = WEXITSTATUS(Status);
  else if (WIFSIGNALED(Status))
    Result.Signal = WTERMSIG(Status);
  return Result;
}

std::string makeTempDir() {
  std::string Template =
      (std::filesystem::temp_directory_path() / "firecrash-test-XXXXXX")
          .string();
  std::vector<char> Buffer(Template.begin(), Template.end());
  Buffer.push_back('\0');
  if (!mkdtemp(Buffer.data()))
    return {};
  return std::string(Buffer.data());
}

std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream SS;
  SS << In.rdbuf();
  return SS.str();
}

void writeFile(const std::string &Path, const std::string &Text) {
  std::ofstream Out(Path, std::ios::binary);
  Out << Text;
}

std::vector<std::string> listFiles(const std::string &Dir,
                                   const std::vector<std::string> &Suffixes) {
  std::vector<std::string> Files;
  std::error_code EC;
  if (!std::filesystem::is_directory(Dir, EC))
    return Files;
  for (const auto &Entry :
       std::filesystem::recursive_directory_iterator(Dir, EC)) {
    if (!Entry.is_regular_file())
      continue;
    std::string Path = Entry.path().string();
    for (const std::string &Suffix : Suffixes)
      if (Path.size() >= Suffix.size() &&
          Path.compare(Path.size() - Suffix.size(), Suffix.size(), Suffix) ==
              0) {
        Files.push_back(Path);
        break;
      }
  }
  std::sort(Files.begin(), Files.end());
  return Files;
}

} // namespace firecrash::test
