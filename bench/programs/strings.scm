;;; Benchmark: string work over 100,000 generated strings: string-append,
;;; number->string, string-length, string-upcase, string-index and
;;; substring.

(define (process i)
  (let* ((name (string-append "service-" (number->string i) "-daemon"))
         (upper (string-upcase name))
         (dash (string-index upper #\-))
         (head (substring upper 0 dash)))
    (+ (string-length name) (string-length head) dash)))

(let loop ((i 0) (total 0))
  (if (= i 100000)
      (begin (display total) (newline))
      (loop (+ i 1) (+ total (process i)))))
