//===- PyTorchPeer.cpp - PyTorch's formulations among a case's peers ------===//
//
// See PyTorchPeer.h. The requests and answers are lines of tab-separated
// fields (bench/pytorch.py's file comment).
//
//===----------------------------------------------------------------------===//

#include "PyTorchPeer.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace seq::bench {
namespace {

/// The Python process: started on the first request, asked until it exits
/// (then every request fails), and told to stop (its stdin closed) when the
/// program exits.
class PyTorchServer {
public:
  explicit PyTorchServer(bool quick) : quick(quick) {}
  ~PyTorchServer() {
    if (requests)
      std::fclose(requests);
    if (answers)
      std::fclose(answers);
    if (pid > 0)
      waitpid(pid, nullptr, 0);
  }

  /// Sends `op`, `caseName`, `implName`; returns the answer's first field,
  /// "ok" or "seconds", with `value` the rest of the line, or "error" with
  /// `value` saying what went wrong.
  std::string ask(const std::string &op, const std::string &caseName,
                  const std::string &implName, std::string &value) {
    if (!started) {
      started = true;
      start();
    }
    if (!requests || !answers) {
      value = failure;
      return "error";
    }
    std::fprintf(requests, "%s\t%s\t%s\n", op.c_str(), caseName.c_str(),
                 implName.c_str());
    std::fflush(requests);
    char *line = nullptr;
    size_t capacity = 0;
    ssize_t length = getline(&line, &capacity, answers);
    std::string answer = length > 0 ? std::string(line, length) : "";
    std::free(line);
    if (length <= 0) {
      failure = "bench/pytorch.py --serve exited (see its errors in this "
                "program's log)";
      std::fclose(requests);
      std::fclose(answers);
      requests = answers = nullptr;
      value = failure;
      return "error";
    }
    if (!answer.empty() && answer.back() == '\n')
      answer.pop_back();
    size_t tab = answer.find('\t');
    std::string kind = answer.substr(0, tab);
    value = tab == std::string::npos ? "" : answer.substr(tab + 1);
    if (kind == "ok" || kind == "seconds")
      return kind;
    if (kind != "error" || value.empty())
      value = "bench/pytorch.py answered \"" + answer + "\"";
    return "error";
  }

private:
  void start() {
    // A server that dies must not kill this program on its next write.
    std::signal(SIGPIPE, SIG_IGN);
    int toServer[2], fromServer[2];
    if (pipe2(toServer, O_CLOEXEC) != 0 || pipe2(fromServer, O_CLOEXEC) != 0) {
      failure = "cannot make the pipes to bench/pytorch.py";
      return;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, toServer[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fromServer[1], STDOUT_FILENO);
    std::string script = std::string(SEQ_SOURCE_DIR) + "/bench/pytorch.py";
    const char *argv[] = {"/usr/bin/env",
                          "-u",
                          "OPENBLAS_CORETYPE",
                          "-u",
                          "OPENBLAS_L2_SIZE",
                          "/usr/bin/python3",
                          script.c_str(),
                          "--serve",
                          quick ? "--quick" : nullptr,
                          nullptr};
    int status = posix_spawn(&pid, argv[0], &actions, nullptr,
                             const_cast<char **>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(toServer[0]);
    close(fromServer[1]);
    if (status != 0) {
      pid = -1;
      close(toServer[1]);
      close(fromServer[0]);
      failure = "cannot start /usr/bin/env /usr/bin/python3";
      return;
    }
    requests = fdopen(toServer[1], "w");
    answers = fdopen(fromServer[0], "r");
  }

  const bool quick;
  bool started = false;
  pid_t pid = -1;
  FILE *requests = nullptr, *answers = nullptr;
  /// Why requests fail, once they do.
  std::string failure;
};

PyTorchServer &server(bool quick) {
  static PyTorchServer instance(quick);
  return instance;
}

} // namespace

void registerPyTorch(const std::string &caseName, const std::string &implName,
                     const BenchOptions &options, double flops) {
  bool quick = options.quick;
  registerImplementation(
      caseName, implName,
      [=] {
        auto note = std::make_shared<std::string>();
        auto timedRun = [=](double &seconds) {
          std::string value;
          if (server(quick).ask("call", caseName, implName, value) != "seconds")
            return value;
          seconds = std::atof(value.c_str());
          return std::string();
        };
        return Implementation{
            [=](Counters &) {
              std::string value;
              std::string kind =
                  server(quick).ask("setup", caseName, implName, value);
              if (kind != "ok")
                return value;
              *note = value;
              return std::string();
            },
            [=] {
              double seconds;
              return timedRun(seconds);
            },
            /*prepareWarmsUp=*/false, timedRun, [=] { return *note; }};
      },
      options, 0, flops);
}

} // namespace seq::bench
