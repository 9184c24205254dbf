using System.Buffers.Binary;
using System.IO.Compression;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace XinYu.Web.Tests;

/// <summary>
/// Reads a QR code back from a PNG data URI, as a phone would: a small PNG decoder (greyscale or palette, every filter
/// type) feeding ZXing's QR reader. For the tests only: the app draws the codes with QRCoder.
/// </summary>
public static class QrReader
{
    public static string Read(string dataUri)
    {
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, dataUri);
        var (width, height, grey) = Decode(Convert.FromBase64String(dataUri[prefix.Length..]));
        var source = new RGBLuminanceSource(grey, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        Assert.NotNull(result);
        return result.Text;
    }

    private static (int Width, int Height, byte[] Grey) Decode(byte[] png)
    {
        var (width, height, bitDepth, colourType) = (0, 0, 0, 0);
        byte[]? palette = null;
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    (width, height, bitDepth, colourType) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]), data[8], data[9]);
                    Assert.True(data[12] == 0, "interlaced PNG");
                    break;
                case "PLTE": palette = data.ToArray(); break;
                case "IDAT": idat.Write(data); break;
            }
            at += 12 + length;
        }
        Assert.True(colourType is 0 or 3, $"colour type {colourType}");
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = (width * bitDepth + 7) / 8;
        var bpp = Math.Max(1, bitDepth / 8);
        var previous = new byte[stride];
        var grey = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var x = 0; x < stride; x++)
            {
                int a = x >= bpp ? line[x - bpp] : 0, b = previous[x], c = x >= bpp ? previous[x - bpp] : 0;
                line[x] = (byte)(line[x] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                });
            }
            for (var x = 0; x < width; x++)
            {
                var bitsAt = x * bitDepth;
                var sample = (line[bitsAt / 8] >> (8 - bitDepth - bitsAt % 8)) & ((1 << bitDepth) - 1);
                grey[y * width + x] = colourType == 3
                    ? palette![sample * 3 + 1] // green channel: black stays dark, white light
                    : (byte)(sample * 255 / ((1 << bitDepth) - 1));
            }
            previous = line;
        }
        return (width, height, grey);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
