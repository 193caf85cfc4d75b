// Times the cross-TU merge on synthetic summaries, to show it stays linear:
// N translation units, each with a handler calling into the next unit, a
// chain of helpers, and a detached start at the end of some chains.
//
//   build/bench/firecrash_merge_bench [units...]
#include "Summary.h"
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace firecrash;

static std::vector<TUSummary> synthesize(unsigned Units) {
  std::vector<TUSummary> Result;
  for (unsigned U = 0; U < Units; ++U) {
    TUSummary Unit;
    Unit.MainFile = "/src/unit" + std::to_string(U) + ".cpp";
    auto Loc = [&](unsigned Line) {
      return SummaryLocation{Unit.MainFile, Line, 3};
    };
    std::string Next = "c:@F@helper" + std::to_string((U + 1) % Units) + "#I#";
    SummaryFunction Handler;
    Handler.Usr = "c:@F@handler" + std::to_string(U) + "#";
    Handler.Name = "handler" + std::to_string(U);
    Handler.IsHandler = true;
    Handler.Loc = Loc(1);
    Handler.Calls.push_back({Next, "helper" + std::to_string((U + 1) % Units),
                             Loc(2), false});
    SummaryFunction Helper;
    Helper.Usr = "c:@F@helper" + std::to_string(U) + "#I#";
    Helper.Name = "helper" + std::to_string(U);
    Helper.Loc = Loc(10);
    if (U % 3 == 0)
      Helper.Starts.push_back({"audit", "bg", "never-suspends", "terminates",
                               Loc(11)});
    else
      Helper.Calls.push_back({Next, "helper", Loc(12), false});
    Unit.Functions.push_back(std::move(Handler));
    Unit.Functions.push_back(std::move(Helper));
    Result.push_back(std::move(Unit));
  }
  return Result;
}

int main(int argc, char **argv) {
  std::vector<unsigned> Sizes;
  for (int I = 1; I < argc; ++I)
    Sizes.push_back(static_cast<unsigned>(std::atoi(argv[I])));
  if (Sizes.empty())
    Sizes = {2500, 5000, 10000, 20000};
  double Base = 0;
  for (unsigned Units : Sizes) {
    std::vector<TUSummary> Summaries = synthesize(Units);
    auto Start = std::chrono::steady_clock::now();
    size_t Found = mergeSummaries(Summaries).size();
    double Ms = std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - Start)
                    .count();
    double PerUnit = Ms * 1000.0 / Units;
    if (Base == 0)
      Base = PerUnit;
    std::printf("%6u summaries: %8.2f ms, %6.2f us/summary (%.2fx the "
                "first), %zu cross-TU findings\n",
                Units, Ms, PerUnit, PerUnit / Base, Found);
  }
  return 0;
}
