import { fittedSize, MAX_IMAGE_SIDE, nameFor, reencodes } from './image-scaling';

describe('image scaling before upload', () => {
  it('re-encodes JPEG, PNG and WebP (dropping their metadata) unless the original is asked for', () => {
    expect(reencodes('image/jpeg', false)).toBe(true);
    expect(reencodes('image/png', false)).toBe(true);
    expect(reencodes('image/webp', false)).toBe(true);
    expect(reencodes('image/jpeg', true)).toBe(false);
  });

  it('leaves GIFs (a canvas keeps one frame) and other files alone', () => {
    expect(reencodes('image/gif', false)).toBe(false);
    expect(reencodes('image/svg+xml', false)).toBe(false);
    expect(reencodes('application/pdf', false)).toBe(false);
    expect(reencodes('', false)).toBe(false);
  });

  it('scales the longer side down to the limit, keeping proportions', () => {
    expect(fittedSize(4096, 3072)).toEqual({ width: MAX_IMAGE_SIDE, height: 1536 });
    expect(fittedSize(1000, 3000)).toEqual({ width: 683, height: MAX_IMAGE_SIDE });
    expect(fittedSize(100_000, 10)).toEqual({ width: MAX_IMAGE_SIDE, height: 1 });
  });

  it('never enlarges an image at or under the limit', () => {
    expect(fittedSize(2048, 2048)).toEqual({ width: 2048, height: 2048 });
    expect(fittedSize(640, 480)).toEqual({ width: 640, height: 480 });
  });

  it('names a copy after the type it was encoded as', () => {
    expect(nameFor('photo.JPG', 'image/jpeg')).toBe('photo.JPG');
    expect(nameFor('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
    expect(nameFor('shot.webp', 'image/png')).toBe('shot.png');
    expect(nameFor('image', 'image/png')).toBe('image.png');
    expect(nameFor('.hidden', 'image/png')).toBe('.hidden.png');
    expect(nameFor('notes.txt', 'text/plain')).toBe('notes.txt');
  });
});
