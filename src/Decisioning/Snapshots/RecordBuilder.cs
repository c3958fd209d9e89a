using System.Globalization;
using Decisioning.Plan;
using Decisioning.Runtime;
using static Decisioning.Snapshots.SnapshotErrorCodes;

namespace Decisioning.Snapshots;

/// <summary>
/// Builds a plan's <see cref="CustomerRecord"/> from values by name (a dictionary, an object's
/// properties), enforcing spec section 2 as the JSON reader does and with its error codes.
/// </summary>
internal static class RecordBuilder
{
    public static (CustomerRecord? Customer, SnapshotError? Error) Build(DecisionPlan plan, IFieldValues values)
    {
        string? id = null;
        try
        {
            id = ReadId(plan.IdField, values);
            var row = new ValueRow(plan.Customer);
            foreach (var slot in plan.Customer.Fields)
            {
                if (values.TryGet(slot, out var value))
                {
                    SlotWriter.Write(slot, row, value, $"'{slot.Name}'");
                }
                else if (!slot.Type.Optional)
                {
                    throw new SnapshotFormatException(MissingField, $"required field '{slot.Name}' ({slot.Type}) is missing");
                }
            }

            return (new CustomerRecord(id, row, Holdings(values.Holdings), Events(plan, values.Events), Contacts(values.Contacts),
                Responses(values.Responses)), null);
        }
        catch (SnapshotFormatException e)
        {
            return (null, new SnapshotError(id, e.Code, e.Message));
        }
        catch (InvalidOperationException e)
        {
            // A JSON string that is not text (an escaped lone UTF-16 surrogate), as the line reader says.
            return (null, new SnapshotError(id, InvalidJson, $"invalid JSON text: {e.Message}"));
        }
    }

    private static string ReadId(string idField, IFieldValues values)
    {
        if (!values.TryGetId(idField, out var id))
        {
            throw new SnapshotFormatException(MissingId, $"the key field '{idField}' is missing");
        }

        return id switch
        {
            null => throw new SnapshotFormatException(MissingId, $"'{idField}' is null"),
            string s => s,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } e => e.GetString()!,
            Guid or int or long => Convert.ToString(id, CultureInfo.InvariantCulture)!,
            _ => throw new SnapshotFormatException(WrongType, $"'{idField}' must be a string, not {SlotWriter.Describe(id)}"),
        };
    }

    private static string[] Holdings(object? value) => value switch
    {
        null => [],
        IEnumerable<string?> items => [.. items.Select(i => i ?? throw new SnapshotFormatException(BadHoldings, "'holdings' must hold product ids, not null"))],
        _ => throw new SnapshotFormatException(BadHoldings, $"'holdings' must be a list of product ids, not {SlotWriter.Describe(value)}"),
    };

    private static EventRecord[] Events(DecisionPlan plan, object? value)
    {
        if (value is null)
        {
            return [];
        }

        if (value is not IEnumerable<EventSnapshot?> items)
        {
            throw new SnapshotFormatException(BadEvents, $"'events' must be a list of EventSnapshot, not {SlotWriter.Describe(value)}");
        }

        var events = new List<EventRecord>();
        foreach (var item in items)
        {
            var number = events.Count + 1;
            if (item?.Type is not { } type)
            {
                throw new SnapshotFormatException(BadEvents, $"event {number} has no 'type'");
            }

            events.Add(new EventRecord(type, item.At.UtcDateTime, Payload(plan, item, number)));
        }

        return [.. events];
    }

    // An undeclared event type keeps no payload, as in JSON: no expression can read it.
    private static ValueRow? Payload(DecisionPlan plan, EventSnapshot item, int number)
    {
        if (plan.Events.GetValueOrDefault(item.Type) is not { } layout)
        {
            return null;
        }

        var payload = new ValueRow(layout);
        foreach (var slot in layout.Fields)
        {
            if (item.Payload is { } fields && fields.TryGetValue(slot.Name, out var value))
            {
                SlotWriter.Write(slot, payload, value, $"'{slot.Name}' of event {number} ({item.Type})");
            }
            else if (!slot.Type.Optional)
            {
                throw new SnapshotFormatException(BadEvents, $"event {number} ({item.Type}) lacks its field '{slot.Name}'");
            }
        }

        return payload;
    }

    private static ContactRecord[] Contacts(object? value) => value switch
    {
        null => [],
        IEnumerable<ContactSnapshot?> items => [.. items.Select((c, i) => c is null
            ? throw new SnapshotFormatException(BadContacts, $"contact {i + 1} is null")
            : c.Wave < 1
                ? throw new SnapshotFormatException(BadContacts, $"'wave' of contact {i + 1} must be 1 or more, not {c.Wave}")
                : new ContactRecord(c.Channel, c.At.UtcDateTime, c.Strategy, c.Product, c.Outcome, c.Wave))],
        _ => throw new SnapshotFormatException(BadContacts, $"'contacts' must be a list of ContactSnapshot, not {SlotWriter.Describe(value)}"),
    };

    private static ResponseRecord[] Responses(object? value) => value switch
    {
        null => [],
        IEnumerable<ResponseSnapshot?> items => [.. items.Select((r, i) => r is null
            ? throw new SnapshotFormatException(BadResponses, $"response {i + 1} is null")
            : ContactReader.Response(r.At.UtcDateTime, r.Strategy, r.Product, r.Kind, r.Value, i + 1))],
        _ => throw new SnapshotFormatException(BadResponses, $"'responses' must be a list of ResponseSnapshot, not {SlotWriter.Describe(value)}"),
    };
}
