using System.Globalization;
using System.Text.Json;

namespace BatchCycle.Messages;

/// <summary>
/// A message as stored in the database (RequirementResults.Reason), so a later stage of the run, in another process,
/// renders a stored reason in each language as the screening made it. Enum arguments come back as the catalogue entry
/// that names them, which renders the same.
/// </summary>
public static class MessageJson
{
    public static string Serialize(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteMessage(writer, message);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <exception cref="JsonException">The text is not a stored message (a bug: only <see cref="Serialize"/> writes them).</exception>
    public static Message Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadMessage(document.RootElement);
    }

    private static void WriteMessage(Utf8JsonWriter writer, Message message)
    {
        writer.WriteStartObject();
        writer.WriteString("k", message.Key);
        writer.WriteStartArray("a");
        foreach (var arg in message.Args)
        {
            WriteArgument(writer, arg);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteArgument(Utf8JsonWriter writer, object arg)
    {
        switch (arg)
        {
            case Message message:
                WriteMessage(writer, message);
                return;
            case MessageList list:
                writer.WriteStartObject();
                writer.WriteString("l", list.Style.ToString());
                writer.WriteStartArray("i");
                foreach (var item in list.Items)
                {
                    WriteArgument(writer, item);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                return;
        }

        writer.WriteStartObject();
        switch (arg)
        {
            case string text:
                writer.WriteString("s", text);
                break;
            case int number:
                writer.WriteNumber("i", number);
                break;
            case decimal number:
                writer.WriteString("m", number.ToString(CultureInfo.InvariantCulture));
                break;
            case DateOnly day:
                writer.WriteString("d", Days.Iso(day));
                break;
            case Enum value:
                writer.WriteString("e", $"{value.GetType().Name}.{value}");
                break;
            default:
                throw new ArgumentException($"A message argument of type {arg.GetType().Name} cannot be stored.", nameof(arg));
        }

        writer.WriteEndObject();
    }

    private static Message ReadMessage(JsonElement element) =>
        Message.Of(element.GetProperty("k").GetString()!, [.. element.GetProperty("a").EnumerateArray().Select(ReadArgument)]);

    private static object ReadArgument(JsonElement element)
    {
        if (element.TryGetProperty("k", out _))
        {
            return ReadMessage(element);
        }

        var property = element.EnumerateObject().First();
        return property.Name switch
        {
            "l" => MessageList.Of(Enum.Parse<ListStyle>(property.Value.GetString()!), element.GetProperty("i").EnumerateArray().Select(ReadArgument)),
            "s" => property.Value.GetString()!,
            "i" => property.Value.GetInt32(),
            "m" => decimal.Parse(property.Value.GetString()!, CultureInfo.InvariantCulture),
            "d" => Days.ParseIso(property.Value.GetString()!),
            "e" => Message.Of(property.Value.GetString()!),
            _ => throw new JsonException($"'{property.Name}' is not a stored message argument."),
        };
    }
}
