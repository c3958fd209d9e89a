using System.Runtime.InteropServices;

namespace Decisioning.Files;

/// <summary>What a path names on disk, without opening it.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

/// <summary>
/// The kind of a file, read from its status (never by opening it: opening a FIFO blocks until a
/// writer comes, and a device such as <c>/dev/zero</c> reports length 0 and never ends).
/// </summary>
internal static class FileKinds
{
    // .NET's own native shim (libSystem.Native, shipped with every Unix runtime) returns a portable
    // status whose first two fields are Flags and Mode, with POSIX's S_IFMT type bits in Mode. The
    // managed API exposes no file type beyond "directory", so the loader asks the shim directly.
    private const int StatusBytes = 256;
    private const int ModeOffset = 4;
    private const int TypeMask = 0xF000;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);

    /// <summary>The kind of <paramref name="path"/> itself (a symbolic link is reported as one, not followed).</summary>
    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return OfManaged(path);
        }

        var status = new byte[StatusBytes];
        int result;
        try
        {
            result = LStat(path, status);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return OfManaged(path);
        }

        if (result != 0)
        {
            return FileKind.Missing;
        }

        return (BitConverter.ToInt32(status, ModeOffset) & TypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    // Without the shim: what the managed API can tell; the size-capped read still bounds a device.
    private static FileKind OfManaged(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return FileKind.SymbolicLink;
        }

        if (Directory.Exists(path))
        {
            return FileKind.Directory;
        }

        if (!info.Exists)
        {
            return FileKind.Missing;
        }

        return info.Attributes.HasFlag(FileAttributes.Device) ? FileKind.CharacterDevice : FileKind.Regular;
    }

    /// <summary>How a message names the kind: "a FIFO (named pipe)", "a character device", ...</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a folder",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Missing => "missing",
        _ => "not a regular file",
    };
}
