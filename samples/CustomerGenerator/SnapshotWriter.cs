using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Decisioning.Samples.CustomerGenerator;

/// <summary>Writes a customer as one line of JSON (spec section 2), Chinese kept readable.</summary>
public static class SnapshotWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string ToJson(Customer c)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("customerId", c.Id);
            w.WriteString("name", c.Name);
            w.WriteNumber("age", c.Age);
            w.WriteNumber("aum", c.Aum);
            w.WriteNumber("aumPeak12m", c.AumPeak12m);
            w.WriteNumber("monthsOnBook", c.MonthsOnBook);
            w.WriteNumber("riskLevel", c.RiskLevel);
            w.WriteBoolean("isRetiree", c.IsRetiree);
            w.WriteBoolean("hasPhone", c.HasPhone);
            w.WriteBoolean("doNotCall", c.DoNotCall);
            w.WriteBoolean("appActive30d", c.AppActive30d);
            w.WriteBoolean("wechatBound", c.WechatBound);
            if (c.City is not null)
            {
                w.WriteString("city", c.City);
            }
            else if (!c.OmitNulls)
            {
                w.WriteNull("city");
            }

            w.WriteString("openedOn", c.OpenedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (c.PayrollMonthly is { } pay)
            {
                w.WriteNumber("payrollMonthly", pay);
            }
            else if (!c.OmitNulls)
            {
                w.WriteNull("payrollMonthly");
            }

            w.WriteNumber("creditCardSpend", c.CreditCardSpend);
            w.WriteNumber("digitalLogins30d", c.DigitalLogins30d);
            w.WriteNumber("daysSinceLastTxn", c.DaysSinceLastTxn);

            w.WriteStartArray("holdings");
            foreach (var h in c.Holdings)
            {
                w.WriteStringValue(h);
            }

            w.WriteEndArray();

            w.WriteStartArray("events");
            foreach (var e in c.Events)
            {
                w.WriteStartObject();
                w.WriteString("type", e.Type);
                w.WriteString("at", Instant(e.At));
                if (e.Amount is { } amount)
                {
                    w.WriteNumber("amount", amount);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("contacts");
            foreach (var k in c.Contacts)
            {
                w.WriteStartObject();
                w.WriteString("channel", k.Channel);
                w.WriteString("at", Instant(k.At));
                w.WriteString("strategy", k.Strategy);
                w.WriteString("product", k.Product);
                w.WriteString("outcome", k.Outcome);
                if (k.Wave != 1)
                {
                    w.WriteNumber("wave", k.Wave);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (c.Responses.Count > 0)
            {
                w.WriteStartArray("responses");
                foreach (var r in c.Responses)
                {
                    w.WriteStartObject();
                    w.WriteString("at", Instant(r.At));
                    if (r.Strategy is not null)
                    {
                        w.WriteString("strategy", r.Strategy);
                    }

                    w.WriteString("product", r.Product);
                    w.WriteString("kind", r.Kind);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
