namespace AuditHarness.Inference.Imaging;

/// <summary>
/// The narrow band of a fast marching: cells ordered by arrival time, and first in, first out among equal times.
/// The tie order decides which of two equally distant pixels is filled first, and so the bytes of an inpainting;
/// OpenCV keeps a sorted list with that order, this keeps a binary heap on (time, push number), which pops the same
/// sequence in O(log n) per cell.
/// </summary>
internal sealed class FastMarchingQueue
{
    private long[] _keys = new long[64];
    private int[] _cells = new int[64];
    private int _count;
    private uint _pushes;

    public void Clear()
    {
        _count = 0;
        _pushes = 0;
    }

    public void Push(int cell, float time)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _count * 2);
            Array.Resize(ref _cells, _count * 2);
        }

        long key = ((long)OrderedBits(time) << 32) | _pushes++;
        int child = _count++;
        while (child > 0)
        {
            int parent = (child - 1) >> 1;
            if (_keys[parent] <= key)
            {
                break;
            }

            _keys[child] = _keys[parent];
            _cells[child] = _cells[parent];
            child = parent;
        }

        _keys[child] = key;
        _cells[child] = cell;
    }

    public bool TryPop(out int cell)
    {
        if (_count == 0)
        {
            cell = -1;
            return false;
        }

        cell = _cells[0];
        int last = --_count;
        if (last == 0)
        {
            return true;
        }

        long key = _keys[last];
        int moved = _cells[last];
        int parent = 0;
        while (true)
        {
            int child = (2 * parent) + 1;
            if (child >= last)
            {
                break;
            }

            if (child + 1 < last && _keys[child + 1] < _keys[child])
            {
                child++;
            }

            if (key <= _keys[child])
            {
                break;
            }

            _keys[parent] = _keys[child];
            _cells[parent] = _cells[child];
            parent = child;
        }

        _keys[parent] = key;
        _cells[parent] = moved;
        return true;
    }

    // The float's bits as an int that orders like the float; -0 is taken as +0 because OpenCV compares them equal.
    private static int OrderedBits(float time)
    {
        if (time == 0)
        {
            return 0;
        }

        int bits = BitConverter.SingleToInt32Bits(time);
        return bits >= 0 ? bits : bits ^ 0x7FFFFFFF;
    }
}
