;;; Packages as values: a record per package, found by module or by name.

(define-module (gnu packages)
  #:use-module (guix records)
  #:use-module (srfi srfi-1)
  #:export (<package>
            package
            package?
            package-name
            package-version
            package-source
            package-synopsis
            package-description
            package-home-page
            package-license
            package-inputs
            package-propagated-inputs
            package-outputs
            package-properties
            package-supported-systems
            package-location
            package-full-name
            host-package
            specification->package
            specification->package+output
            specifications->packages
            supported-package?
            search-patches
            %package-modules
            %current-system))

(define-record-type* <package> package
  make-package
  package?
  (name package-name)
  (version package-version)
  (source package-source (default #f))
  (build-system package-build-system (default #f))
  (arguments package-arguments (default '()))
  (inputs package-inputs (default '()))
  (native-inputs package-native-inputs (default '()))
  (propagated-inputs package-propagated-inputs (default '()))
  (outputs package-outputs (default '("out")))
  (synopsis package-synopsis (default ""))
  (description package-description (default ""))
  (home-page package-home-page (default #f))
  (license package-license (default #f))
  (supported-systems package-supported-systems
                     (default '("x86_64-linux" "i686-linux" "aarch64-linux"
                                "armhf-linux" "powerpc64le-linux"
                                "riscv64-linux")))
  (properties package-properties (default '()))
  (location package-location (innate)
            (default (%current-construction-location))))

(define (host-package name)
  "Return a package standing for NAME, a package of the host distribution
(a Debian package name), for software the package modules do not name."
  (package
    (name name)
    (version "host")
    (properties `((host-package . ,name)))))

(define (package-full-name package)
  "Return \"NAME@VERSION\" of PACKAGE."
  (string-append (package-name package) "@" (package-version package)))

(define %package-modules
  ;; The (gnu packages ...) modules that hold packages.
  (map (lambda (name) (list 'gnu 'packages (string->symbol name)))
       (vector->list
        ((python-ref (python-import "oscdsl.os.packages") "module_names")))))

(define %current-system
  ;; The system type packages are built for, such as "x86_64-linux".
  (make-parameter ((python-ref (python-import "oscdsl.os.host") "host_system"))))

(define (all-packages)
  "Return every package of the package modules."
  ((python-ref (python-import "oscdsl.os.packages") "all_packages")
   (current-module)))

(define (split-specification spec)
  "Return the name, version (or #f) and output (or #f) of the package SPEC,
such as \"guile@3.0\" or \"glib:bin\"."
  (let* ((colon (string-rindex spec #\:))
         (output (and colon (substring spec (+ colon 1))))
         (spec (if colon (substring spec 0 colon) spec))
         (at (string-index spec #\@)))
    (values (if at (substring spec 0 at) spec)
            (and at (substring spec (+ at 1)))
            output)))

(define (specification->package+output spec)
  "Return the package SPEC names and its output (\"out\" by default)."
  (call-with-values (lambda () (split-specification spec))
    (lambda (name version output)
      (let ((found (filter (lambda (package)
                             (and (string=? (package-name package) name)
                                  (or (not version)
                                      (string-prefix? version
                                                      (package-version package)))))
                           (all-packages))))
        (when (null? found)
          (error (format #f "~a: unknown package" spec)))
        (values (car found) (or output "out"))))))

(define (specification->package spec)
  "Return the package that SPEC (\"name\" or \"name@version\") designates."
  (call-with-values (lambda () (specification->package+output spec))
    (lambda (package output) package)))

(define (specifications->packages specs)
  "Return the packages SPECS designate, as specification->package does."
  (map specification->package specs))

(define* (supported-package? package #:optional (system (%current-system)))
  "Return whether PACKAGE can be built for SYSTEM."
  (and (member system (package-supported-systems package)) #t))

(define (search-patches . names)
  "Return NAMES: patches are not applied by oscdsl."
  names)
