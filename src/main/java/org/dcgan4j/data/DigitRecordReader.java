package org.dcgan4j.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.BytesWritable;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;

/**
 * DataVec record reader over a set of same-sized grayscale images. A record is
 * {@code [BytesWritable(height*width pixels, 0 = background .. 255 = ink), IntWritable(label)]};
 * the label is absent when the source has none. Subclasses read their source in
 * {@link #load(InputSplit)}; iteration, reset and metadata are shared here.
 */
public abstract class DigitRecordReader extends org.datavec.api.records.reader.BaseRecordReader {

    private final List<byte[]> images = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private List<String> labelNames = List.of();
    private int height;
    private int width;
    private URI source;
    private int cursor;

    /** Reads the whole source, then calls {@link #add} per image and {@link #setShape}. */
    protected abstract void load(InputSplit split) throws IOException;

    @Override
    public void initialize(InputSplit split) throws IOException {
        this.inputSplit = split;
        images.clear();
        labels.clear();
        cursor = 0;
        URI[] locations = split.locations();
        source = locations.length > 0 ? locations[0] : null;
        load(split);
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) throws IOException {
        initialize(split);
    }

    protected final void setShape(int height, int width) {
        this.height = height;
        this.width = width;
    }

    protected final void setLabelNames(List<String> names) {
        this.labelNames = List.copyOf(names);
    }

    /** @param label class index, or -1 when the source has no labels */
    protected final void add(byte[] pixels, int label) {
        images.add(pixels);
        if (label >= 0) {
            labels.add(label);
        }
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int size() {
        return images.size();
    }

    public boolean hasLabels() {
        return !labels.isEmpty();
    }

    @Override
    public List<String> getLabels() {
        return labelNames;
    }

    @Override
    public boolean hasNext() {
        return cursor < images.size();
    }

    @Override
    public List<Writable> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more images in " + source);
        }
        List<Writable> record = recordAt(cursor++);
        invokeListeners(record);
        return record;
    }

    private List<Writable> recordAt(int i) {
        List<Writable> record = new ArrayList<>(2);
        record.add(new BytesWritable(images.get(i)));
        if (hasLabels()) {
            record.add(new IntWritable(labels.get(i)));
        }
        return record;
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException("images are read from the split given to initialize()");
    }

    @Override
    public org.datavec.api.records.Record nextRecord() {
        int index = cursor;
        List<Writable> record = next();
        return new org.datavec.api.records.impl.Record(record,
                new RecordMetaDataIndex(index, source, getClass()));
    }

    @Override
    public org.datavec.api.records.Record loadFromMetaData(RecordMetaData metaData) {
        int index = (int) ((RecordMetaDataIndex) metaData).getIndex();
        return new org.datavec.api.records.impl.Record(recordAt(index), metaData);
    }

    @Override
    public List<org.datavec.api.records.Record> loadFromMetaData(List<RecordMetaData> metaData) {
        List<org.datavec.api.records.Record> out = new ArrayList<>(metaData.size());
        for (RecordMetaData m : metaData) {
            out.add(loadFromMetaData(m));
        }
        return out;
    }

    @Override
    public void close() {
        images.clear();
        labels.clear();
    }

    @Override
    public void setConf(Configuration conf) {
    }

    @Override
    public Configuration getConf() {
        return new Configuration();
    }
}
