"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

const MAX_BYTES = 200 * 1024 * 1024;

/** File input and drop zone; the upload streams with a progress bar, then opens the mapping step. */
export function UploadForm({ slug }: { slug: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  function choose(f: File | undefined) {
    setError(null);
    if (!f) return;
    if (f.size > MAX_BYTES) return setError("The file is larger than 200 MB. Split it into smaller files and import each.");
    setFile(f);
  }

  function upload() {
    if (!file) return setError("Choose a CSV file first.");
    setError(null);
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/o/${slug}/imports/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => {
      setProgress(null);
      setError("The upload was interrupted. Check your connection and try again.");
    };
    xhr.onload = () => {
      let body: { importId?: string; error?: { message?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      if (xhr.status === 201 && body.importId) return router.push(`/o/${slug}/imports/${body.importId}`);
      setProgress(null);
      setError(body.error?.message ?? "The upload failed. Try again.");
    };
    xhr.send(file);
  }

  return (
    <div className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <label
        htmlFor="csv-file"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          choose(e.dataTransfer.files[0]);
        }}
        className={`flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-10 text-center text-sm ${dragging ? "border-brand-500 bg-brand-50" : "border-slate-300"}`}
      >
        <span className="font-medium text-slate-800">{file ? file.name : "Drop a CSV file here, or click to choose one"}</span>
        <span className="mt-1 text-slate-500">
          {file ? `${(file.size / 1024 / 1024).toFixed(1)} MB` : "UTF-8, comma, semicolon or tab separated, with a header row; up to 200 MB."}
        </span>
        <input
          ref={input}
          id="csv-file"
          name="file"
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          className="sr-only"
          onChange={(e) => choose(e.target.files?.[0])}
        />
      </label>
      {progress !== null ? (
        <div>
          <div className="mb-1 flex justify-between text-sm text-slate-600">
            <span>Uploading…</span>
            <span>{progress}%</span>
          </div>
          <div role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress} className="h-2 overflow-hidden rounded-full bg-slate-100">
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${progress}%` }} />
          </div>
        </div>
      ) : null}
      <Button onClick={upload} disabled={!file || progress !== null}>
        {progress !== null ? "Uploading…" : "Upload and map columns"}
      </Button>
    </div>
  );
}
