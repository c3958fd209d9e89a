# Renders templates with Shopify's own Liquid (Debian's ruby-liquid), for the differential tests
# in LiquidDifferentialTests.cs. Reads one JSON object a line, {"template": ..., "customer": {...},
# "product": {...}, "channel": {...}, "strategy": {...}}, and writes one JSON object a line:
# {"output": "..."} or {"error": "..."}.
require "json"
require "liquid"

$stdout.sync = true
STDIN.each_line do |line|
  case_ = JSON.parse(line)
  begin
    template = Liquid::Template.parse(case_["template"], error_mode: :strict)
    assigns = case_.slice("customer", "product", "channel", "strategy")
    output = template.render!(assigns, strict_filters: true)
    puts JSON.generate({ "output" => output })
  rescue StandardError => e
    puts JSON.generate({ "error" => "#{e.class}: #{e.message}" })
  end
end
