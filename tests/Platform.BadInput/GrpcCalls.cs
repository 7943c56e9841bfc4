using System.Reflection;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Grpc.Households.V1;

namespace Platform.BadInput;

/// <summary>
/// The gRPC surface as the protos declare it (every service and method of Platform.Contracts.Grpc),
/// and bad messages for it built from the descriptors as raw bytes: fields drawn from <see cref="Poison"/>
/// by name, left out, of the wrong wire type, huge, not UTF-8, unknown fields, and messages that are
/// cut short or are not protobuf at all.
/// </summary>
public static class GrpcCalls
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>Every method of every proto service, e.g. "/platform.education.v1.SchoolRolls/ImportSchoolRolls".</summary>
    public static IReadOnlyList<MethodDescriptor> Methods() =>
        typeof(HouseholdRegistry).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .SelectMany(p => ((FileDescriptor)p!.GetValue(null)!).Services)
            .SelectMany(s => s.Methods)
            .ToList();

    public static string PathOf(MethodDescriptor method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return $"/{method.Service.FullName}/{method.Name}";
    }

    /// <summary>
    /// Calls the method with 0–3 bad messages (a unary method with one); returns the status and whatever
    /// came back, as text. A call with a large message goes on a connection of its own
    /// (<paramref name="ownConnection"/>): a server that refuses it answers before it is all sent and may
    /// close the connection on a client that goes on sending, which must not take other calls with it.
    /// </summary>
    /// <param name="refused">
    /// The caller may not call the method (it was refused an empty call): its streams carry at most one
    /// small message. A refused stream is answered at once and what a client goes on sending is thrown
    /// away; large messages there only fill the HTTP/2 window the connection's other calls share.
    /// </param>
    public static async Task<(StatusCode Status, string Text)> CallAsync(
        CallInvoker shared, Func<GrpcChannel> ownConnection, MethodDescriptor method, bool refused, Random random, Landscape landscape, string? outsideTownship, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(ownConnection);
        ArgumentNullException.ThrowIfNull(method);
        var messages = Enumerable.Range(0, method.IsClientStreaming ? random.Next(0, 4) : 1)
            .Select(_ => Message(method.InputType, random, landscape, outsideTownship))
            .ToList();
        if (refused && method.IsClientStreaming)
        {
            messages = messages.Where(m => m.Length < OwnConnectionFrom).Take(1).ToList();
        }
        else if (random.Next(0, 50) == 0)
        {
            // One message over the limit: a long string in field 1 (of whatever type it is).
            using var oversized = new MemoryStream();
            using (var output = new CodedOutputStream(oversized, leaveOpen: true))
            {
                output.WriteTag(1, WireFormat.WireType.LengthDelimited);
                output.WriteString(new string('长', random.Next(TooLarge / 3, TooLarge)));
            }

            messages.Insert(0, oversized.ToArray());
            messages = method.IsClientStreaming ? messages : [messages[0]];
        }

        var largest = messages.Select(m => m.Length).DefaultIfEmpty(0).Max();
        // Streams, and anything large, each on a connection of their own (see OwnConnectionFrom).
        var own = method.IsClientStreaming || largest > OwnConnectionFrom ? ownConnection() : null;
        var invoker = own?.CreateCallInvoker() ?? shared;
        var type = method.IsClientStreaming ? MethodType.ClientStreaming : MethodType.Unary;
        var rpc = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        // A call gets a minute; one that takes longer is reported (it never should).
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromMinutes(1));
        var options = new CallOptions(cancellationToken: patience.Token);
        try
        {
            byte[] reply;
            if (method.IsClientStreaming)
            {
                var call = invoker.AsyncClientStreamingCall(rpc, null, options);
                using var release = new Release(call, own);
                try
                {
                    foreach (var message in messages)
                    {
                        // A server that has answered already (refused the call, say) reads no more: stop sending, as a good client does.
                        if (call.ResponseAsync.IsCompleted)
                        {
                            break;
                        }

                        // A write can wait on flow control that a server which has answered never grants, and not always
                        // end with its token: the answer, once there, ends the wait.
                        var write = call.RequestStream.WriteAsync(message, patience.Token);
                        if (await Task.WhenAny(write, call.ResponseAsync) != write)
                        {
                            _ = write.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                            break;
                        }

                        await write;
                    }

                    // The client may wait on flow control for a stream the server has answered and stopped reading: a while only.
                    await call.RequestStream.CompleteAsync().WaitAsync(TimeSpan.FromSeconds(10), patience.Token);
                }
                catch (Exception error) when (error is RpcException or HttpRequestException or IOException or InvalidOperationException or TimeoutException
                    || (error is OperationCanceledException && call.ResponseAsync.IsCompleted))
                {
                    // Sending failed or stalled because the call ended: its answer says how.
                }

                reply = await call.ResponseAsync.WaitAsync(patience.Token);
            }
            else
            {
                var call = invoker.AsyncUnaryCall(rpc, null, options, messages[0]);
                using var release = new Release(call, own);
                reply = await call;
            }

            return (StatusCode.OK, Encoding.UTF8.GetString(reply));
        }
        catch (Exception error) when (largest > TooLarge && (error is HttpRequestException or IOException
            || (error is RpcException or OperationCanceledException && patience.IsCancellationRequested && !cancellationToken.IsCancellationRequested)))
        {
            // A message over the limit is refused before it is all read; the server may close the stream (or the
            // connection) on the client still sending it, or leave it waiting for flow-control credit it will never give.
            return (StatusCode.ResourceExhausted, "refused while sending a message of " + largest + " bytes: " + error.Message);
        }
        catch (Exception error) when (error is RpcException { StatusCode: StatusCode.Cancelled } or OperationCanceledException
            && patience.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (StatusCode.DeadlineExceeded, $"no answer within a minute ({messages.Count} messages, the largest {largest} bytes)");
        }
        catch (RpcException error)
        {
            return (error.StatusCode, error.Status.Detail + " " + string.Join(' ', error.Trailers.Select(t => t.IsBinary ? Encoding.UTF8.GetString(t.ValueBytes) : t.Value)));
        }
    }

    /// <summary>
    /// Disposes a call (and its own connection) off the caller's path: disposing a call whose request
    /// stream waits on HTTP/2 flow control can block, and the run must go on.
    /// </summary>
    private sealed class Release(IDisposable call, IDisposable? connection) : IDisposable
    {
        public void Dispose() => _ = Task.Run(() =>
        {
            call.Dispose();
            connection?.Dispose();
        });
    }

    /// <summary>Whether the caller is refused the method outright (PERMISSION_DENIED or UNAUTHENTICATED for a call with no message).</summary>
    public static async Task<bool> IsRefusedAsync(CallInvoker invoker, MethodDescriptor method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(method);
        var rpc = new Method<byte[], byte[]>(method.IsClientStreaming ? MethodType.ClientStreaming : MethodType.Unary, method.Service.FullName, method.Name, Bytes, Bytes);
        try
        {
            if (method.IsClientStreaming)
            {
                using var call = invoker.AsyncClientStreamingCall(rpc, null, new CallOptions(cancellationToken: cancellationToken));
                await call.RequestStream.CompleteAsync();
                await call;
            }
            else
            {
                using var call = invoker.AsyncUnaryCall(rpc, null, new CallOptions(cancellationToken: cancellationToken), []);
                await call;
            }

            return false;
        }
        catch (RpcException error)
        {
            return error.StatusCode is StatusCode.PermissionDenied or StatusCode.Unauthenticated;
        }
    }

    /// <summary>The services' limit for one message: beyond it the answer is RESOURCE_EXHAUSTED.</summary>
    public const int TooLarge = 4 * 1024 * 1024; // ServiceDefaultsExtensions.MaxGrpcMessageBytes

    /// <summary>
    /// Messages from this size, and every stream, go on a connection of their own: a server that ends a
    /// call early (refused, or a message it cannot read) may close the whole HTTP/2 connection on a client
    /// still sending, and a large message takes much of the flow-control window calls on a connection share.
    /// </summary>
    public const int OwnConnectionFrom = 64 * 1024;

    /// <summary>A bad message of this type, as bytes.</summary>
    public static byte[] Message(MessageDescriptor type, Random random, Landscape landscape, string? outsideTownship)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(random);
        var roll = random.Next(0, 100);
        if (roll < 3)
        {
            var garbage = new byte[random.Next(1, 200)];
            random.NextBytes(garbage);
            return garbage;
        }

        var bytes = Fields(type, random, landscape, outsideTownship, 0);
        return roll < 6 && bytes.Length > 1 ? bytes[..^1] : bytes;
    }

    private static byte[] Fields(MessageDescriptor type, Random random, Landscape landscape, string? outsideTownship, int depth)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            foreach (var field in type.Fields.InFieldNumberOrder())
            {
                var times = field.IsRepeated ? (random.Next(0, 6) == 0 ? random.Next(10, 40) : random.Next(0, 3)) : 1;
                for (var i = 0; i < times; i++)
                {
                    if (random.Next(0, 10) == 0)
                    {
                        continue; // missing
                    }

                    if (random.Next(0, 12) == 0)
                    {
                        // The wrong wire type for the field: a string as a number, a number as bytes.
                        var wrong = field.FieldType is FieldType.String or FieldType.Message or FieldType.Bytes ? WireFormat.WireType.Varint : WireFormat.WireType.LengthDelimited;
                        output.WriteTag(field.FieldNumber, wrong);
                        if (wrong == WireFormat.WireType.Varint)
                        {
                            output.WriteInt64(random.NextInt64());
                        }
                        else
                        {
                            output.WriteString(Poison.Text(random));
                        }

                        continue;
                    }

                    Write(output, field, random, landscape, outsideTownship, depth);
                }
            }

            if (random.Next(0, 5) == 0)
            {
                output.WriteTag(90 + random.Next(0, 9), WireFormat.WireType.LengthDelimited); // a field no proto declares
                output.WriteString(Poison.Text(random));
            }
        }

        return buffer.ToArray();
    }

    private static void Write(CodedOutputStream output, FieldDescriptor field, Random random, Landscape landscape, string? outsideTownship, int depth)
    {
        switch (field.FieldType)
        {
            case FieldType.Message when depth < 4:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(Fields(field.MessageType, random, landscape, outsideTownship, depth + 1)));
                break;
            case FieldType.String:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                if (random.Next(0, 30) == 0)
                {
                    output.WriteBytes(ByteString.CopyFrom(0xC3, 0x28, 0xFF, 0xFE)); // not UTF-8
                }
                else
                {
                    // Huge, but within one HTTP/2 stream window: messages over the services' limit are sent apart (see CallAsync).
                    var text = random.Next(0, 25) == 0
                        ? Poison.Huge(random, random.Next(10_000, 80_000))
                        : RestRequests.Text(ToCamel(field.Name), [], "", random, landscape, outsideTownship);
                    output.WriteString(text);
                }

                break;
            case FieldType.Bool:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Varint);
                output.WriteUInt64((ulong)random.Next(0, 3) * (random.Next(0, 5) == 0 ? ulong.MaxValue / 3 : 1));
                break;
            case FieldType.Int32 or FieldType.Int64 or FieldType.UInt32 or FieldType.UInt64 or FieldType.SInt32 or FieldType.SInt64 or FieldType.Enum:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Varint);
                output.WriteInt64(random.Next(0, 5) switch { 0 => -1, 1 => 0, 2 => long.MaxValue, 3 => int.MinValue, _ => random.Next(0, 100_000) });
                break;
            default:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteString(Poison.Text(random));
                break;
        }
    }

    /// <summary>"id_number" → "idNumber", so REST and gRPC fields draw from the same pools.</summary>
    private static string ToCamel(string name)
    {
        var parts = name.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
