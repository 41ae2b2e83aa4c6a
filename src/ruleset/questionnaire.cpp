// The questionnaire as JSON for front ends (`zice describe`). The shape is
// documented in docs/questionnaire-schema.md.
#include <boost/json.hpp>

#include "engine/json_convert.hpp"
#include "ruleset/model.hpp"
#include "zice/ruleset.hpp"

namespace zice {

namespace {

namespace json = boost::json;

struct Describer {
  const detail::Model& m;
  std::string lang;

  json::value text(const detail::LocalText& t) const {
    const std::string* s = t.get(lang, m.default_lang);
    if (!s) return nullptr;
    return json::string(*s);
  }
  static json::value source(const std::optional<expr::Program>& p) {
    if (!p) return nullptr;
    return json::string(p->source());
  }

  json::object question(const detail::Question& q) const {
    json::object o;
    o["kind"] = "question";
    o["id"] = q.id;
    o["type"] = detail::to_string(q.type);
    o["label"] = text(q.label);
    o["help"] = text(q.help);
    o["required"] = q.required;
    o["when"] = source(q.when);
    if (!q.unit.empty()) o["unit"] = q.unit;
    if (q.min) o["min"] = detail::to_json(*q.min);
    if (q.max) o["max"] = detail::to_json(*q.max);
    if (q.max_length) o["max_length"] = *q.max_length;
    if (q.min_selected) o["min_selected"] = *q.min_selected;
    if (q.max_selected) o["max_selected"] = *q.max_selected;
    if (!q.options.empty()) {
      json::array opts;
      for (const detail::Option& op : q.options) {
        json::object jo;
        jo["value"] = op.value;
        jo["label"] = text(op.label);
        if (!op.help.empty()) jo["help"] = text(op.help);
        if (op.exclusive) jo["exclusive"] = true;
        opts.push_back(std::move(jo));
      }
      o["options"] = std::move(opts);
    }
    if (!q.constraints.empty()) {
      json::array cs;
      for (const detail::Constraint& c : q.constraints)
        cs.push_back(json::object{{"test", source(c.test)}, {"message", text(c.message)}});
      o["constraints"] = std::move(cs);
    }
    return o;
  }

  json::array items(const std::vector<detail::Section::Item>& its) const {
    json::array a;
    for (const detail::Section::Item& it : its) {
      if (!it.is_section) {
        a.push_back(question(m.questions[it.index]));
        continue;
      }
      const detail::Section& s = m.sections[it.index];
      json::object o;
      o["kind"] = "section";
      o["id"] = s.id;
      o["title"] = text(s.title);
      o["help"] = text(s.help);
      o["when"] = source(s.when);
      o["items"] = items(s.items);
      a.push_back(std::move(o));
    }
    return a;
  }
};

}  // namespace

boost::json::value Ruleset::questionnaire(std::string_view lang) const {
  const detail::Model& m = *model_;
  Describer d{m, lang.empty() ? m.default_lang : std::string(lang)};
  json::object root;
  root["schema"] = "zice-questionnaire/1";
  root["ruleset"] = json::object{{"id", m.id},
                                 {"version", m.version},
                                 {"title", d.text(m.title)},
                                 {"sha256", m.sha256},
                                 {"effective_from", m.effective_from.empty() ? json::value() : json::value(m.effective_from)},
                                 {"effective_to", m.effective_to.empty() ? json::value() : json::value(m.effective_to)}};
  root["lang"] = d.lang;
  json::array langs;
  for (const std::string& l : m.langs) langs.push_back(json::string(l));
  root["langs"] = std::move(langs);
  root["description"] = d.text(m.description);
  root["items"] = d.items(m.top_items);
  return root;
}

}  // namespace zice
