//===--- Html.cpp - The HTML report -----------------------------------------===//
//
// Part of firecrash. One self-contained page a person reviewing a CI run can
// open: no network, no external assets. Everything is rendered here, so the
// page reads the same with scripts off; a small inline script adds sorting
// and filtering.
//
//===----------------------------------------------------------------------===//

#include "CheckRegistry.h"
#include "Report.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace firecrash {

namespace {

std::string escape(llvm::StringRef Text) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::printHTMLEscaped(Text, OS);
  return Out;
}

/// Text escaped for HTML as it is written to a stream.
struct Escaped {
  llvm::StringRef Text;
};
llvm::raw_ostream &operator<<(llvm::raw_ostream &OS, Escaped E) {
  llvm::printHTMLEscaped(E.Text, OS);
  return OS;
}

/// Hands out numbered lines of the sources, relative paths taken against
/// the root.
class Sources {
public:
  explicit Sources(std::string Root) : Root(std::move(Root)) {}

  /// Lines [From, To] of \p File (1-based, clamped); empty when unreadable.
  std::vector<std::pair<unsigned, std::string>>
  lines(const std::string &File, unsigned From, unsigned To) {
    std::string Path =
        llvm::sys::path::is_absolute(File) ? File : Root + "/" + File;
    unsigned Count = Lines.lineCount(Path);
    std::vector<std::pair<unsigned, std::string>> Out;
    for (unsigned N = std::max(1u, From); N <= To && N <= Count; ++N)
      Out.emplace_back(N, Lines.line(Path, N).str());
    return Out;
  }

private:
  std::string Root;
  SourceFiles Lines;
};

std::string where(const ReportLocation &Loc) {
  return escape(Loc.File) + ":" + std::to_string(Loc.Line) + ":" +
         std::to_string(Loc.Column);
}

const char *const Style = R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f24;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:16px 24px}
header h1{margin:0 0 4px;font-size:20px}
header p{margin:0;color:#d0d7de}
main{padding:16px 24px}
h2{font-size:16px;margin:20px 0 8px}
.totals{display:flex;gap:24px;flex-wrap:wrap}
table{border-collapse:collapse;background:#fff;border:1px solid #d0d7de}
th,td{padding:4px 10px;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}
th{background:#eaeef2;font-weight:600}
th[data-key]{cursor:pointer;user-select:none}
th[data-key]:after{content:" \2195";color:#8c959f}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.filters{display:flex;gap:8px;margin:8px 0}
.filters input{flex:1;max-width:480px;padding:5px 8px}
#findings{width:100%;table-layout:fixed}
#findings th:nth-child(1){width:84px}
#findings th:nth-child(2){width:210px}
#findings th:nth-child(3){width:22%}
#findings th:nth-child(4){width:56px}
#findings th:nth-child(5){width:22%}
td,li,h3,header p{overflow-wrap:anywhere}
.totals>div{min-width:0;max-width:100%}
tr.finding{cursor:pointer}
tr.finding:hover{background:#f3f6fa}
.status{font-size:12px;padding:1px 6px;border-radius:8px;white-space:nowrap}
.status.new{background:#ffebe9;color:#a40e26}
.status.baselined{background:#eaeef2;color:#57606a}
.sev-error{color:#a40e26;font-weight:600}
code,pre{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.detail>td{background:#fbfcfd;padding:8px 16px 16px}
.detail h3{font-size:13px;margin:12px 0 4px;color:#57606a;text-transform:uppercase;letter-spacing:.04em}
pre.excerpt{background:#fff;border:1px solid #d0d7de;padding:6px 0;margin:0;overflow-x:auto}
pre.excerpt span{display:block;padding:0 10px}
pre.excerpt span.hit{background:#fff8c5}
pre.excerpt i{color:#8c959f;font-style:normal;display:inline-block;width:4em;text-align:right;margin-right:1em}
ol.chain{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;align-items:center;gap:6px}
ol.chain li{background:#ddf4ff;border:1px solid #54aeff;border-radius:6px;padding:3px 8px}
ol.chain li.start{background:#ffebe9;border-color:#ff8182}
ol.chain li+li:before{content:"\2192";margin:0 8px 0 -2px;color:#57606a}
ul{margin:0;padding-left:20px}
.dies{color:#a40e26}
.fix{background:#dafbe1;border:1px solid #4ac26b;border-radius:6px;padding:6px 10px}
.hidden{display:none}
)css";

const char *const Script = R"js(
(function(){
  var table=document.getElementById('findings');
  if(!table)return;
  var groups=function(){return Array.prototype.slice.call(table.tBodies);};
  table.addEventListener('click',function(e){
    var row=e.target.closest('tr.finding');
    if(!row)return;
    row.parentNode.querySelector('tr.detail').classList.toggle('hidden');
  });
  var dir={};
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th){
    if(!th.dataset.key)return;
    th.addEventListener('click',function(){
      var key=th.dataset.key,numeric='numeric' in th.dataset;
      dir[key]=-(dir[key]||-1);
      var sorted=groups().sort(function(a,b){
        var x=a.dataset[key],y=b.dataset[key];
        if(numeric){x=+x;y=+y;}
        return (x<y?-1:x>y?1:0)*dir[key];
      });
      sorted.forEach(function(g){table.appendChild(g);});
    });
  });
  var text=document.getElementById('filter'),check=document.getElementById('check-filter'),
      status=document.getElementById('status-filter'),count=document.getElementById('shown');
  function apply(){
    var q=text.value.toLowerCase(),shown=0;
    groups().forEach(function(g){
      var ok=(!q||g.dataset.text.indexOf(q)>=0)&&(!check.value||g.dataset.check===check.value)&&
             (!status.value||g.dataset.status===status.value);
      g.classList.toggle('hidden',!ok);if(ok)shown++;
    });
    count.textContent=shown;
  }
  [text,check,status].forEach(function(el){el.addEventListener('input',apply);});
  // report.html?q=orders.cpp&check=...&status=new opens with those filters;
  // open=all shows every finding's details.
  var params=new URLSearchParams(location.search);
  if(params.has('q'))text.value=params.get('q');
  if(params.has('check'))check.value=params.get('check');
  if(params.has('status'))status.value=params.get('status');
  if(params.get('open')==='all')
    groups().forEach(function(g){g.querySelector('tr.detail').classList.remove('hidden');});
  apply();
})();
)js";

} // namespace

void writeReportHtml(const Report &R, const std::string &SourceRoot,
                     llvm::raw_ostream &OS) {
  Sources Files(SourceRoot);

  struct Entry {
    const ReportFinding *F;
    bool Baselined;
  };
  std::vector<Entry> All;
  for (const ReportFinding &F : R.Findings)
    All.push_back({&F, false});
  for (const ReportFinding &F : R.BaselinedFindings)
    All.push_back({&F, true});

  std::map<std::string, std::pair<unsigned, unsigned>> ByCheck, ByFile;
  for (const CheckInfo &Check : allChecks())
    ByCheck[Check.Name.str()];
  for (const Entry &E : All) {
    auto &C = ByCheck[E.F->Check];
    auto &F = ByFile[E.F->Loc.File];
    (E.Baselined ? C.second : C.first)++;
    (E.Baselined ? F.second : F.first)++;
  }

  OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
     << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
     << "<title>firecrash report</title>\n<style>" << Style << "</style>\n"
     << "</head>\n<body>\n<header>\n<h1>firecrash report</h1>\n<p id=\"summary\">"
     << R.Findings.size() << " new finding" << (R.Findings.size() == 1 ? "" : "s")
     << ", " << R.BaselinedFindings.size() << " baselined, in "
     << ByFile.size() << " file" << (ByFile.size() == 1 ? "" : "s")
     << " of " << R.FilesAnalyzed << " analysed";
  if (R.FilesFailed)
    OS << " (" << R.FilesFailed << " not analysed)";
  if (R.FilesSkipped)
    OS << ", " << R.FilesSkipped << " skipped (not C or C++)";
  if (R.Diff)
    OS << "; introduced since " << escape(R.Diff->Base) << " ("
       << escape(llvm::StringRef(R.Diff->Commit).take_front(12)) << "), "
       << R.Diff->Existing << " present there left out";
  OS << "</p>\n</header>\n<main>\n";

  // Totals.
  auto Totals = [&OS](llvm::StringRef Title, llvm::StringRef Id,
                      llvm::StringRef Key, const auto &Counts) {
    OS << "<div>\n<h2>" << Title << "</h2>\n<table id=\"" << Id
       << "\"><thead><tr><th>" << Key << "</th><th>New</th>"
       << "<th>Baselined</th></tr></thead><tbody>\n";
    for (const auto &[Name, Count] : Counts)
      OS << "<tr><td><code>" << Escaped{Name} << "</code></td><td class=\"n\">"
         << Count.first << "</td><td class=\"n\">" << Count.second
         << "</td></tr>\n";
    OS << "</tbody></table>\n</div>\n";
  };
  OS << "<div class=\"totals\">\n";
  Totals("By check", "by-check", "Check", ByCheck);
  Totals("By file", "by-file", "File", ByFile);
  OS << "</div>\n";

  if (!R.Errors.empty()) {
    OS << "<h2>Not analysed</h2>\n<ul id=\"errors\">\n";
    for (const ReportError &E : R.Errors)
      OS << "<li><code>" << Escaped{E.File} << "</code>: " << Escaped{E.Message}
         << "</li>\n";
    OS << "</ul>\n";
  }

  // Findings.
  OS << "<h2>Findings (<span id=\"shown\">" << All.size() << "</span>)</h2>\n"
     << "<div class=\"filters\"><input id=\"filter\" type=\"search\" "
     << "placeholder=\"Filter by file, check, function or message\">"
     << "<select id=\"check-filter\"><option value=\"\">all checks</option>";
  for (const CheckInfo &Check : reportRules())
    OS << "<option>" << Escaped{Check.Name} << "</option>";
  OS << "</select><select id=\"status-filter\"><option value=\"\">new and "
     << "baselined</option><option>new</option><option>baselined</option>"
     << "</select></div>\n"
     << "<table id=\"findings\"><thead><tr><th data-key=\"status\">Status</th>"
     << "<th data-key=\"check\">Check</th><th data-key=\"file\">Location</th>"
     << "<th data-key=\"line\" data-numeric>Line</th>"
     << "<th data-key=\"function\">Function</th><th>Message</th></tr></thead>\n";
  unsigned Index = 0;
  for (const Entry &E : All) {
    const ReportFinding &F = *E.F;
    const char *Status = E.Baselined ? "baselined" : "new";
    std::string Function = readableName(F.Handler);
    std::string Search =
        llvm::StringRef(F.Loc.File + " " + F.Check + " " + Function + " " +
                        F.Handler + " " + F.Message)
            .lower();
    OS << "<tbody class=\"finding-group\" data-status=\"" << Status
       << "\" data-check=\"" << Escaped{F.Check} << "\" data-file=\""
       << Escaped{F.Loc.File} << "\" data-line=\"" << F.Loc.Line
       << "\" data-function=\"" << Escaped{Function} << "\" data-text=\""
       << Escaped{Search} << "\">\n<tr class=\"finding\" id=\"finding-" << Index
       << "\"><td><span class=\"status " << Status << "\">" << Status
       << "</span></td><td><code>" << Escaped{F.Check} << "</code></td><td><code>"
       << where(F.Loc) << "</code></td><td class=\"n\">" << F.Loc.Line
       << "</td><td><code title=\"" << Escaped{F.Handler} << "\">"
       << Escaped{Function} << "</code></td><td"
       << (F.Severity == "error" ? " class=\"sev-error\"" : "") << ">"
       << Escaped{F.Message} << "</td></tr>\n";

    OS << "<tr class=\"detail" << (Index == 0 ? "" : " hidden")
       << "\"><td colspan=\"6\">\n<h3>Source</h3>\n<pre class=\"excerpt\">";
    for (const auto &[N, Text] :
         Files.lines(F.Loc.File, F.Loc.Line > 3 ? F.Loc.Line - 3 : 1,
                     F.Loc.Line + 3))
      OS << "<span" << (N == F.Loc.Line ? " class=\"hit\"" : "") << "><i>" << N
         << "</i>" << Escaped{Text} << "</span>";
    OS << "</pre>\n";

    if (!F.Chain.empty()) {
      OS << "<h3>From " << Escaped{Function} << " to the detached start</h3>\n"
         << "<ol class=\"chain\"><li><code title=\"" << Escaped{F.Handler}
         << "\">" << Escaped{Function} << "</code></li>";
      for (size_t I = 0; I < F.Chain.size(); ++I)
        OS << "<li" << (I + 1 == F.Chain.size() ? " class=\"start\"" : "")
           << "><code title=\"" << Escaped{F.Chain[I].Callee} << "\">"
           << Escaped{readableName(F.Chain[I].Callee)} << "</code> <small>"
           << where(F.Chain[I].Loc) << "</small></li>";
      OS << "</ol>\n";
    }
    if (!F.Borrowed.empty()) {
      OS << "<h3>What it borrows</h3>\n<ul class=\"borrowed\">";
      for (const BorrowRecord &B : F.Borrowed)
        OS << "<li><code>" << Escaped{B.Name.empty() ? B.Kind : B.Name}
           << "</code> (" << Escaped{B.Kind} << "): " << Escaped{B.Explanation}
           << "</li>";
      OS << "</ul>\n";
    }
    // Notes split by what they show: where the borrowed state dies, and the
    // rest of the evidence (borrows are listed above, the way out below).
    std::vector<const ReportNote *> Dies, Others;
    for (const ReportNote &N : F.Notes) {
      llvm::StringRef Text = N.Message;
      if (Text == F.Suggestion ||
          Text.starts_with("the detached operation borrows from"))
        continue;
      if (Text.contains("destroyed") || Text.contains("can end as soon as"))
        Dies.push_back(&N);
      else
        Others.push_back(&N);
    }
    if (!Dies.empty()) {
      OS << "<h3>Where it dies</h3>\n<ul class=\"dies\">";
      for (const ReportNote *N : Dies)
        OS << "<li><code>" << where(N->Loc) << "</code>: " << Escaped{N->Message}
           << "</li>";
      OS << "</ul>\n";
    }
    if (!Others.empty()) {
      OS << "<h3>Evidence</h3>\n<ul class=\"notes\">";
      for (const ReportNote *N : Others)
        OS << "<li><code>" << where(N->Loc) << "</code>: "
           << Escaped{N->Message} << "</li>";
      OS << "</ul>\n";
    }
    if (!F.Suggestion.empty() || !F.Fixes.empty()) {
      OS << "<h3>Suggested fix</h3>\n<div class=\"fix\">"
         << Escaped{F.Suggestion};
      for (const ReportReplacement &Fix : F.Fixes)
        OS << "<br><code>" << where(Fix.Begin) << "</code>: "
           << (Fix.Length ? "replace with " : "insert ") << "<code>"
           << Escaped{Fix.Text} << "</code>";
      OS << "</div>\n";
    }
    OS << "</td></tr>\n</tbody>\n";
    ++Index;
  }
  OS << "</table>\n</main>\n<script>" << Script << "</script>\n</body>\n</html>\n";
}

} // namespace firecrash
